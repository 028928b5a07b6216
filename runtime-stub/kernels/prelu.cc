// PRELU: x >= 0 ? x : alpha * x, alpha broadcast against x. float32, and
// int8/uint8 as TFLite's builtin kernel: the non-negative side rescaled by
// one Q31 multiplier, the negative side's integer product x * alpha by
// another.
#include "kernels/binary_op.h"
#include "kernels/quant_params.h"
#include "kernels/quant_util.h"

namespace tfb {
namespace {

struct PreluState : KernelState {
  int32_t in_zp = 0, alpha_zp = 0, out_zp = 0;
  QuantizedMultiplier identity, scaled_alpha;
};

Status prelu_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "PRELU"));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& alpha = ctx.input(n, 1);
  const Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(in.type == DType::kF32 || in.type == DType::kI8 || in.type == DType::kU8,
                "PRELU on %s is not supported", dtype_name(in.type));
  auto s = std::make_unique<PreluState>();
  if (in.type != DType::kF32) {
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(alpha, "alpha"));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
    s->in_zp = in.quant.zp0();
    s->alpha_zp = alpha.quant.zp0();
    s->out_zp = out.quant.zp0();
    // Float arithmetic, widened afterwards, as TFLite forms them.
    s->identity = quantize_multiplier(in.quant.scale0() / out.quant.scale0());
    s->scaled_alpha = quantize_multiplier(in.quant.scale0() * alpha.quant.scale0() / out.quant.scale0());
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void prelu_quantized(const PreluState& s, const Tensor& in, const Tensor& alpha, Tensor& out) {
  const int32_t iz = s.in_zp, az = s.alpha_zp, oz = s.out_zp;
  const QuantizedMultiplier id = s.identity, al = s.scaled_alpha;
  const IntRange r = dtype_range(out.type);
  apply_binary<T, T>(in, alpha, out, [=](T x, T a) {
    const int32_t v = int32_t{x} - iz;
    const int32_t y =
        v >= 0 ? multiply_by_quantized_multiplier(v, id) : multiply_by_quantized_multiplier(v * (int32_t{a} - az), al);
    return static_cast<T>(std::clamp(y + oz, r.min, r.max));
  });
}

Status prelu_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  const Tensor& alpha = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<PreluState>();
  switch (in.type) {
    case DType::kF32:
      // max(x, 0) + min(x, 0) * a: no branch (a branch mispredicts on every
      // other sign), and the loop vectorizes into max/min/multiply-add.
      apply_binary<float, float>(in, alpha, out,
                                 [](float x, float a) { return std::max(x, 0.f) + std::min(x, 0.f) * a; });
      break;
    case DType::kI8: prelu_quantized<int8_t>(s, in, alpha, out); break;
    default: prelu_quantized<uint8_t>(s, in, alpha, out); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_PRELU = {
    tflfb::BuiltinOperator_PRELU, nullptr, "PRELU", 1, kPure, "f32 i8 u8", prelu_prepare, prelu_eval};

}  // namespace tfb
