// MIRROR_PAD: pads each dimension with a mirror image of the input's edge,
// REFLECT (edge not repeated: 3 2 | 1 2 3 | 2 1) or SYMMETRIC (edge
// repeated: 2 1 | 1 2 3 | 3 2).
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/pad_common.h"

namespace tfb {
namespace {

struct MirrorPadState : KernelState {
  IndexCopy copy;
};

Status mirror_pad_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  auto* opts = n.options<tflfb::MirrorPadOptions>();
  const bool reflect = !opts || opts->mode() == tflfb::MirrorPadMode_REFLECT;
  Paddings p;
  TFB_RETURN_IF_ERROR(read_paddings(ctx, n, 1, in, &p));
  // Each side mirrors at most the whole dimension (less its edge for REFLECT).
  const int64_t edge = reflect ? 1 : 0;
  for (int d = 0; d < in.rank(); ++d)
    TFB_REQUIRE(p.before[d] <= in.dim(d) - edge && p.after[d] <= in.dim(d) - edge,
                "%s paddings (%lld, %lld) are too large for dimension %d of size %d", reflect ? "REFLECT" : "SYMMETRIC",
                static_cast<long long>(p.before[d]), static_cast<long long>(p.after[d]), d, in.dim(d));
  Shape shape;
  TFB_RETURN_IF_ERROR(padded_shape(in, p, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));

  auto s = std::make_unique<MirrorPadState>();
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  int64_t strides[kMaxRank];
  row_major_strides(in.shape, strides);
  for (int d = 0; d < in.rank(); ++d) {
    const int64_t size = in.dim(d);
    std::vector<int64_t> map(static_cast<size_t>(shape.dim[d]));
    for (int64_t o = 0; o < shape.dim[d]; ++o) {
      int64_t i = o - p.before[d];
      if (i < 0)
        i = -i - 1 + edge;
      else if (i >= size)
        i = 2 * size - 1 - i - edge;
      map[o] = i * strides[d];
    }
    s->copy.add_table(std::move(map));
  }
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return OkStatus();
}

Status mirror_pad_eval(Context& ctx, Node& n) {
  n.state_as<MirrorPadState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_MIRROR_PAD = {tflfb::BuiltinOperator_MIRROR_PAD,
                                        nullptr,
                                        "MIRROR_PAD",
                                        3,
                                        kPure,
                                        kMovableTypes,
                                        mirror_pad_prepare,
                                        mirror_pad_eval};

}  // namespace tfb
