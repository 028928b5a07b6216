#include "kernels/split_common.h"

#include <cstring>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"

namespace tfb {

Status prepare_split(Context& ctx, Node& n, const Tensor& in, int axis, std::vector<int64_t> sizes, bool drop_axis) {
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  TFB_REQUIRE(static_cast<int>(sizes.size()) == ctx.num_outputs(n), "makes %zu pieces but has %d outputs", sizes.size(),
              ctx.num_outputs(n));
  int64_t total = 0;
  for (int64_t s : sizes) total += s;
  TFB_REQUIRE(total == in.dim(axis), "pieces add up to %lld along axis %d, input %s", static_cast<long long>(total),
              axis, in.shape.str().c_str());
  for (int i = 0; i < ctx.num_outputs(n); ++i) {
    Tensor& out = ctx.output(n, i);
    TFB_REQUIRE_SAME_TYPE(in, out, "input", "every output");
    Shape shape;
    for (int d = 0; d < in.rank(); ++d) {
      if (d != axis)
        shape.dim[shape.rank++] = in.dim(d);
      else if (!drop_axis)
        shape.dim[shape.rank++] = static_cast<int32_t>(sizes[i]);
    }
    TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));
  }
  auto s = std::make_unique<SplitState>();
  s->view = axis_view(in.shape, axis);
  s->sizes = std::move(sizes);
  n.state = std::move(s);
  return OkStatus();
}

Status split_eval(Context& ctx, Node& n, int input) {
  const auto& s = n.state_as<SplitState>();
  const Tensor& in = ctx.input(n, input);
  const int64_t elem = static_cast<int64_t>(dtype_size(in.type));
  const int64_t row = s.view.size * s.view.inner * elem;  // bytes per outer index
  int64_t offset = 0;
  for (int i = 0; i < ctx.num_outputs(n); ++i) {
    const int64_t piece = s.sizes[i] * s.view.inner * elem;
    uint8_t* out = ctx.output(n, i).data;
    for (int64_t o = 0; o < s.view.outer && piece; ++o) std::memcpy(out + o * piece, in.data + o * row + offset, piece);
    offset += piece;
  }
  return OkStatus();
}

}  // namespace tfb
