#include "kernels/shape_util.h"

#include "kernels/kernel_util.h"

namespace tfb {

Status read_index_values(Context& ctx, const Tensor& t, const char* what, std::vector<int64_t>* out) {
  TFB_SUPPORTED(t.type == DType::kI32 || t.type == DType::kI64, "%s must be int32 or int64, is %s", what,
                dtype_name(t.type));
  if (!ctx.has_values(t)) return ctx.defer();
  read_int_values(t, out);
  return OkStatus();
}

Status make_shape(const std::vector<int64_t>& dims, Shape* out) {
  constexpr int64_t kMaxCount = int64_t{1} << 40;
  TFB_SUPPORTED(static_cast<int>(dims.size()) <= kMaxRank, "shape has %zu dimensions (at most %d)", dims.size(),
                kMaxRank);
  out->rank = static_cast<int>(dims.size());
  int64_t count = 1;
  for (int i = 0; i < out->rank; ++i) {
    TFB_REQUIRE(dims[i] >= 0 && dims[i] <= INT32_MAX, "shape dimension %d is %lld", i, static_cast<long long>(dims[i]));
    out->dim[i] = static_cast<int32_t>(dims[i]);
    if (dims[i] == 0)
      count = 0;
    else
      TFB_REQUIRE(count <= kMaxCount / dims[i], "shape is too large (dimension %d is %lld)", i,
                  static_cast<long long>(dims[i]));
    count *= dims[i];
  }
  return OkStatus();
}

AxisView axis_view(const Shape& s, int axis) {
  AxisView v;
  for (int d = 0; d < s.rank; ++d) {
    if (d < axis)
      v.outer *= s.dim[d];
    else if (d == axis)
      v.size = s.dim[d];
    else
      v.inner *= s.dim[d];
  }
  return v;
}

}  // namespace tfb
