// DEPTH_TO_SPACE: moves blocks of channels into block_size x block_size
// spatial tiles (NHWC, TensorFlow's DCR order):
//   out[n, h*bs + i, w*bs + j, c] = in[n, h, w, (i*bs + j)*C + c].
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct DepthToSpaceState : KernelState {
  IndexCopy copy;
};

Status depth_to_space_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  TFB_REQUIRE(in.rank() == 4, "input must be 4-D (NHWC), is %s", in.shape.str().c_str());
  auto* opts = n.options<tflfb::DepthToSpaceOptions>();
  const int64_t bs = opts ? opts->block_size() : 0;
  TFB_REQUIRE(bs >= 1 && bs <= 4096 && in.dim(3) % (bs * bs) == 0, "block_size %lld does not divide the %d channels",
              static_cast<long long>(bs), in.dim(3));
  const int64_t depth = in.dim(3) / (bs * bs);
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape({in.dim(0), in.dim(1) * bs, in.dim(2) * bs, depth}, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));
  auto s = std::make_unique<DepthToSpaceState>();
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  int64_t st[kMaxRank];
  row_major_strides(in.shape, st);
  std::vector<int64_t> rows(static_cast<size_t>(shape.dim[1])), cols(static_cast<size_t>(shape.dim[2]));
  for (int64_t o = 0; o < shape.dim[1]; ++o) rows[o] = (o / bs) * st[1] + (o % bs) * bs * depth;
  for (int64_t o = 0; o < shape.dim[2]; ++o) cols[o] = (o / bs) * st[2] + (o % bs) * depth;
  s->copy.add_strided(in.dim(0), 0, st[0]);
  s->copy.add_table(std::move(rows));
  s->copy.add_table(std::move(cols));
  s->copy.add_strided(depth, 0, 1);
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return OkStatus();
}

Status depth_to_space_eval(Context& ctx, Node& n) {
  n.state_as<DepthToSpaceState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_DEPTH_TO_SPACE = {tflfb::BuiltinOperator_DEPTH_TO_SPACE,
                                            nullptr,
                                            "DEPTH_TO_SPACE",
                                            2,
                                            kPure,
                                            kMovableTypes,
                                            depth_to_space_prepare,
                                            depth_to_space_eval};

}  // namespace tfb
