// SQUEEZE: drops size-1 dimensions (the listed ones, or all of them).
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/same_bytes.h"

namespace tfb {
namespace {

Status squeeze_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));

  bool drop[kMaxRank] = {};
  auto* opts = n.options<tflfb::SqueezeOptions>();
  if (opts && opts->squeeze_dims() && opts->squeeze_dims()->size() > 0) {
    for (int32_t d : *opts->squeeze_dims()) {
      int axis;
      TFB_RETURN_IF_ERROR(resolve_axis(d, in.rank(), &axis));
      TFB_REQUIRE(in.dim(axis) == 1, "cannot squeeze dimension %d of %s: its size is not 1", d, in.shape.str().c_str());
      drop[axis] = true;
    }
  } else {
    for (int i = 0; i < in.rank(); ++i) drop[i] = in.dim(i) == 1;
  }
  Shape shape;
  for (int i = 0; i < in.rank(); ++i)
    if (!drop[i]) shape.dim[shape.rank++] = in.dim(i);
  return ctx.set_shape(out, shape);
}

}  // namespace

extern const KernelDef op_SQUEEZE = {tflfb::BuiltinOperator_SQUEEZE,
                                     nullptr,
                                     "SQUEEZE",
                                     1,
                                     kPure | kSameBytes,
                                     kMovableTypes,
                                     squeeze_prepare,
                                     same_bytes_eval};

}  // namespace tfb
