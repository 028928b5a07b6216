// SHAPE: the input's dimensions as an int32 or int64 vector. Depends only
// on the input's shape, so it folds to a constant unless that is dynamic.
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

Status shape_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(out.type == DType::kI32 || out.type == DType::kI64, "output must be int32 or int64, is %s",
                dtype_name(out.type));
  if (auto* opts = n.options<tflfb::ShapeOptions>())
    TFB_REQUIRE(static_cast<int>(opts->out_type()) == static_cast<int>(out.type),
                "out_type %s differs from the output's %s", tflfb::EnumNameTensorType(opts->out_type()),
                dtype_name(out.type));
  return ctx.set_shape(out, Shape{ctx.input(n, 0).rank()});
}

Status shape_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  for (int d = 0; d < in.rank(); ++d) {
    if (out.type == DType::kI64)
      out.as<int64_t>()[d] = in.dim(d);
    else
      out.as<int32_t>()[d] = in.dim(d);
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SHAPE = {tflfb::BuiltinOperator_SHAPE, nullptr,       "SHAPE",   1, kShapeOnly,
                                   "any->i32 any->i64",          shape_prepare, shape_eval};

}  // namespace tfb
