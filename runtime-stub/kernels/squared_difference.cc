// SQUARED_DIFFERENCE: (a - b)^2 with numpy broadcasting; float32, int32.
#include "kernels/binary_op.h"

namespace tfb {
namespace {

Status squared_difference_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "SQUARED_DIFFERENCE"));
  const DType t = ctx.input(n, 0).type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI32, "SQUARED_DIFFERENCE on %s is not supported", dtype_name(t));
  return OkStatus();
}

Status squared_difference_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  if (a.type == DType::kF32) {
    apply_binary<float, float>(a, b, out, [](float x, float y) { return (x - y) * (x - y); });
  } else {
    apply_binary<int32_t, int32_t>(a, b, out, [](int32_t x, int32_t y) {
      const uint32_t d = static_cast<uint32_t>(wrapping_sub(x, y));
      return static_cast<int32_t>(d * d);
    });
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SQUARED_DIFFERENCE = {tflfb::BuiltinOperator_SQUARED_DIFFERENCE,
                                                nullptr,
                                                "SQUARED_DIFFERENCE",
                                                1,
                                                kPure,
                                                "f32 i32",
                                                squared_difference_prepare,
                                                squared_difference_eval};

}  // namespace tfb
