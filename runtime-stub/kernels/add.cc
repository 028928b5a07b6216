// ADD: a + b with numpy broadcasting and a fused activation.
#include "kernels/broadcast.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct AddState : KernelState {
  FloatRange act;
};

Status add_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  Tensor& a = ctx.input(n, 0);
  Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(a, b, "input 0", "input 1");
  TFB_REQUIRE_SAME_TYPE(a, out, "input", "output");
  TFB_SUPPORTED(a.type == DType::kF32, "ADD on %s is not supported", dtype_name(a.type));
  auto* opts = n.options<tflfb::AddOptions>();
  auto act = opts ? opts->fused_activation_function() : tflfb::ActivationFunctionType_NONE;
  TFB_RETURN_IF_ERROR(check_fusable(act));
  auto state = std::make_unique<AddState>();
  state->act = activation_range(act);
  n.state = std::move(state);
  Shape shape;
  TFB_RETURN_IF_ERROR(broadcast_shape(a.shape, b.shape, &shape));
  return ctx.set_shape(out, shape);
}

Status add_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  const FloatRange act = n.state_as<AddState>().act;
  const float* pa = a.as<float>();
  const float* pb = b.as<float>();
  float* po = out.as<float>();
  binary_broadcast(out.shape, a.shape, b.shape,
                   [&](int64_t o, int64_t ai, int64_t as, int64_t bi, int64_t bs, int64_t count) {
                     for (int64_t k = 0; k < count; ++k)
                       po[o + k] = std::clamp(pa[ai + k * as] + pb[bi + k * bs], act.min, act.max);
                   });
  return OkStatus();
}

}  // namespace

extern const KernelDef op_ADD = {tflfb::BuiltinOperator_ADD, nullptr, "ADD", 1, kPure, "f32", add_prepare, add_eval};

}  // namespace tfb
