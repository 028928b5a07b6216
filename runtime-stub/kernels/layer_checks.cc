#include "kernels/layer_checks.h"

#include <cmath>

#include "kernels/kernel_util.h"

namespace tfb {

Status check_float_bias(const Tensor* bias, int64_t channels) {
  if (!bias) return OkStatus();
  TFB_REQUIRE_TYPE(*bias, DType::kF32, "bias");
  TFB_REQUIRE(bias->count() == channels, "bias has %lld values for %lld output channels",
              static_cast<long long>(bias->count()), static_cast<long long>(channels));
  return OkStatus();
}

Status check_filter_axis(const Tensor& filter, int axis) {
  TFB_REQUIRE(!filter.quant.per_channel() || filter.quant.axis == axis,
              "per-channel filter quantization must be along dimension %d, is %d", axis, filter.quant.axis);
  return OkStatus();
}

Status hybrid_filter_scales(const Tensor& filter, int64_t channels, int axis, std::vector<float>* out) {
  const std::vector<float>& fs = filter.quant.scale;
  TFB_REQUIRE(fs.size() == 1 || fs.size() == static_cast<size_t>(channels),
              "filter has %zu scales for %lld output channels", fs.size(), static_cast<long long>(channels));
  TFB_RETURN_IF_ERROR(check_filter_axis(filter, axis));
  for (float v : fs) TFB_REQUIRE(std::isfinite(v) && v > 0, "filter scale %g is not positive", v);
  out->resize(static_cast<size_t>(channels));
  for (int64_t c = 0; c < channels; ++c) (*out)[c] = fs[fs.size() == 1 ? 0 : c];
  return OkStatus();
}

}  // namespace tfb
