#include "kernels/quant_params.h"

#include <cmath>

#include "kernels/kernel_util.h"

namespace tfb {

bool is_quantized_type(DType t) { return t == DType::kI8 || t == DType::kU8 || t == DType::kI16; }

Status require_per_tensor_quant(const Tensor& t, const char* what) {
  TFB_REQUIRE(t.quant.scale.size() == 1 && t.quant.zero_point.size() == 1,
              "%s (%s) needs one scale and zero point, has %zu and %zu", what, dtype_name(t.type), t.quant.scale.size(),
              t.quant.zero_point.size());
  const float s = t.quant.scale[0];
  TFB_REQUIRE(std::isfinite(s) && s > 0.f, "%s has scale %g; it must be positive and finite", what, s);
  const IntRange r = dtype_range(t.type);
  const int64_t zp = t.quant.zero_point[0];
  TFB_REQUIRE(zp >= r.min && zp <= r.max, "%s zero point %lld is outside %s", what, static_cast<long long>(zp),
              dtype_name(t.type));
  return OkStatus();
}

Status require_quant(const Tensor& t, const char* what, float scale, int32_t zero_point) {
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(t, what));
  TFB_SUPPORTED(t.quant.scale[0] == scale && t.quant.zp0() == zero_point,
                "%s must have scale %g and zero point %d, has %g and %d", what, scale, zero_point, t.quant.scale[0],
                t.quant.zp0());
  return OkStatus();
}

}  // namespace tfb
