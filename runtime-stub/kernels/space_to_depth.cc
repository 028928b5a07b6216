// SPACE_TO_DEPTH: moves block_size x block_size spatial tiles into the
// channels (NHWC):  out[n, h, w, (i*bs + j)*C + c] = in[n, h*bs + i, w*bs + j, c].
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct SpaceToDepthState : KernelState {
  IndexCopy copy;
};

Status space_to_depth_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  TFB_REQUIRE(in.rank() == 4, "input must be 4-D (NHWC), is %s", in.shape.str().c_str());
  auto* opts = n.options<tflfb::SpaceToDepthOptions>();
  const int64_t bs = opts ? opts->block_size() : 0;
  TFB_REQUIRE(bs >= 1 && bs <= 4096 && in.dim(1) % bs == 0 && in.dim(2) % bs == 0,
              "block_size %lld does not divide the spatial size of %s", static_cast<long long>(bs),
              in.shape.str().c_str());
  const int64_t depth = in.dim(3);
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape({in.dim(0), in.dim(1) / bs, in.dim(2) / bs, depth * bs * bs}, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));
  auto s = std::make_unique<SpaceToDepthState>();
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  int64_t st[kMaxRank];
  row_major_strides(in.shape, st);
  std::vector<int64_t> channels(static_cast<size_t>(shape.dim[3]));
  for (int64_t o = 0; o < shape.dim[3]; ++o)
    channels[o] = (o / (bs * depth)) * st[1] + (o / depth % bs) * st[2] + o % depth;
  s->copy.add_strided(in.dim(0), 0, st[0]);
  s->copy.add_strided(shape.dim[1], 0, bs * st[1]);
  s->copy.add_strided(shape.dim[2], 0, bs * st[2]);
  s->copy.add_table(std::move(channels));
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return OkStatus();
}

Status space_to_depth_eval(Context& ctx, Node& n) {
  n.state_as<SpaceToDepthState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SPACE_TO_DEPTH = {tflfb::BuiltinOperator_SPACE_TO_DEPTH,
                                            nullptr,
                                            "SPACE_TO_DEPTH",
                                            2,
                                            kPure,
                                            kMovableTypes,
                                            space_to_depth_prepare,
                                            space_to_depth_eval};

}  // namespace tfb
