// DIV: a / b with numpy broadcasting and a fused activation. float32
// (IEEE division) and int32 (truncating; division by zero is an error).
#include <limits>

#include "kernels/binary_op.h"

namespace tfb {
namespace {

struct DivState : KernelState {
  FloatRange act;
  IntRange int_act;
};

Status div_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "DIV"));
  const DType t = ctx.input(n, 0).type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI32, "DIV on %s is not supported", dtype_name(t));
  tflfb::ActivationFunctionType act;
  TFB_RETURN_IF_ERROR(binary_activation(n, &act));
  auto s = std::make_unique<DivState>();
  s->act = activation_range(act);
  s->int_act = int_activation_range(act);
  n.state = std::move(s);
  return OkStatus();
}

Status div_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<DivState>();
  if (a.type == DType::kF32) {
    const float lo = s.act.min, hi = s.act.max;
    apply_binary<float, float>(a, b, out, [=](float x, float y) { return std::clamp(x / y, lo, hi); });
    return OkStatus();
  }
  const int32_t lo = s.int_act.min, hi = s.int_act.max;
  const bool ok = apply_binary_checked<int32_t, int32_t>(a, b, out, [=](int32_t x, int32_t y, int32_t* r) {
    if (y == 0) return false;
    // INT32_MIN / -1 overflows; it wraps to INT32_MIN in two's complement.
    *r = std::clamp(y == -1 ? wrapping_sub(int32_t{0}, x) : x / y, lo, hi);
    return true;
  });
  TFB_CHECK_KIND(ErrorKind::kRuntime, ok, "DIV: division by zero in int32 input");
  return OkStatus();
}

}  // namespace

extern const KernelDef op_DIV = {
    tflfb::BuiltinOperator_DIV, nullptr, "DIV", 2, kPure, "f32 i32", div_prepare, div_eval};

}  // namespace tfb
