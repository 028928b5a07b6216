#include "kernels/binary_op.h"

namespace tfb {

Status prepare_binary(Context& ctx, Node& n, const char* op, bool bool_output) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  Tensor& a = ctx.input(n, 0);
  Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(a, b, "input 0", "input 1");
  const DType out_type = bool_output ? DType::kBool : a.type;
  TFB_REQUIRE(out.type == out_type, "%s output must be %s, is %s", op, dtype_name(out_type), dtype_name(out.type));
  Shape shape;
  TFB_RETURN_IF_ERROR(broadcast_shape(a.shape, b.shape, &shape));
  return ctx.set_shape(out, shape);
}

Status binary_activation(const Node& n, tflfb::ActivationFunctionType* act) {
  *act = tflfb::ActivationFunctionType_NONE;
  if (auto* o = n.options<tflfb::AddOptions>()) *act = o->fused_activation_function();
  if (auto* o = n.options<tflfb::SubOptions>()) *act = o->fused_activation_function();
  if (auto* o = n.options<tflfb::MulOptions>()) *act = o->fused_activation_function();
  if (auto* o = n.options<tflfb::DivOptions>()) *act = o->fused_activation_function();
  return check_fusable(*act);
}

IntRange int_activation_range(tflfb::ActivationFunctionType act) {
  IntRange r = dtype_range(DType::kI32);
  switch (act) {
    case tflfb::ActivationFunctionType_RELU: r.min = 0; break;
    case tflfb::ActivationFunctionType_RELU6: r = {0, 6}; break;
    case tflfb::ActivationFunctionType_RELU_N1_TO_1: r = {-1, 1}; break;
    default: break;
  }
  return r;
}

}  // namespace tfb
