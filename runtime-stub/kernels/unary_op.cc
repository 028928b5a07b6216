#include "kernels/unary_op.h"

namespace tfb {

Status prepare_unary(Context& ctx, Node& n, const char* op, bool (*dtype_ok)(DType)) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(dtype_ok(in.type), "%s on %s is not supported", op, dtype_name(in.type));
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  return ctx.set_shape(out, in.shape);
}

}  // namespace tfb
