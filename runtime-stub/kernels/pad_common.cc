#include "kernels/pad_common.h"

#include "kernels/shape_util.h"

namespace tfb {

Status read_paddings(Context& ctx, const Node& n, int index, const Tensor& in, Paddings* out) {
  const Tensor& t = ctx.input(n, index);
  TFB_REQUIRE(t.rank() == 2 && t.dim(0) == in.rank() && t.dim(1) == 2, "paddings must be [%d, 2] for input %s, is %s",
              in.rank(), in.shape.str().c_str(), t.shape.str().c_str());
  std::vector<int64_t> v;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, t, "paddings", &v));
  for (int d = 0; d < in.rank(); ++d) {
    out->before[d] = v[2 * d];
    out->after[d] = v[2 * d + 1];
    TFB_REQUIRE(out->before[d] >= 0 && out->after[d] >= 0, "paddings of dimension %d are negative (%lld, %lld)", d,
                static_cast<long long>(out->before[d]), static_cast<long long>(out->after[d]));
  }
  return OkStatus();
}

Status padded_shape(const Tensor& in, const Paddings& p, Shape* out) {
  std::vector<int64_t> dims(static_cast<size_t>(in.rank()));
  for (int d = 0; d < in.rank(); ++d) {
    TFB_REQUIRE(p.before[d] <= INT32_MAX && p.after[d] <= INT32_MAX, "padding of dimension %d is too large", d);
    dims[d] = in.dim(d) + p.before[d] + p.after[d];
  }
  return make_shape(dims, out);
}

}  // namespace tfb
