// PRELU: x >= 0 ? x : alpha * x, alpha broadcast against x (float32).
#include "kernels/binary_op.h"

namespace tfb {
namespace {

Status prelu_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "PRELU"));
  TFB_SUPPORTED(ctx.input(n, 0).type == DType::kF32, "PRELU on %s is not supported",
                dtype_name(ctx.input(n, 0).type));
  return OkStatus();
}

Status prelu_eval(Context& ctx, Node& n) {
  apply_binary<float, float>(ctx.input(n, 0), ctx.input(n, 1), ctx.output(n, 0),
                             [](float x, float alpha) { return x >= 0.f ? x : x * alpha; });
  return OkStatus();
}

}  // namespace

extern const KernelDef op_PRELU = {tflfb::BuiltinOperator_PRELU, nullptr, "PRELU", 1, kPure, "f32", prelu_prepare,
                                   prelu_eval};

}  // namespace tfb
