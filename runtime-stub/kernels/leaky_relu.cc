// LEAKY_RELU: x >= 0 ? x : alpha * x. float32, and int8/uint8/int16 as
// TFLite's builtin kernel: two Q31 multipliers (input/output scale, and
// alpha times it), chosen by the sign of the input.
#include "kernels/quant_params.h"
#include "kernels/quant_util.h"
#include "kernels/unary_op.h"

namespace tfb {
namespace {

struct LeakyReluState : KernelState {
  float alpha = 0.f;
  int32_t in_zp = 0, out_zp = 0;
  QuantizedMultiplier identity, scaled_alpha;
};

bool leaky_relu_dtype(DType t) {
  return t == DType::kF32 || t == DType::kI8 || t == DType::kU8 || t == DType::kI16;
}

Status leaky_relu_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_unary(ctx, n, "LEAKY_RELU", leaky_relu_dtype));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  auto s = std::make_unique<LeakyReluState>();
  auto* opts = n.options<tflfb::LeakyReluOptions>();
  s->alpha = opts ? opts->alpha() : 0.2f;  // the schema default
  if (in.type != DType::kF32) {
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
    s->in_zp = in.quant.zp0();
    s->out_zp = out.quant.zp0();
    // Float arithmetic, widened afterwards, as TFLite computes them.
    s->identity = quantize_multiplier(in.quant.scale0() / out.quant.scale0());
    const float alpha_ratio = in.quant.scale0() * s->alpha / out.quant.scale0();
    TFB_SUPPORTED(alpha_ratio >= 0.f, "LEAKY_RELU with negative alpha %g is not supported", s->alpha);
    s->scaled_alpha = quantize_multiplier(alpha_ratio);
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void leaky_relu_quantized(const LeakyReluState& s, const Tensor& in, Tensor& out) {
  const int32_t iz = s.in_zp, oz = s.out_zp;
  const IntRange r = dtype_range(out.type);
  const QuantizedMultiplier id = s.identity, al = s.scaled_alpha;
  apply_unary<T, T>(in, out, [=](T x) {
    const int32_t v = int32_t{x} - iz;
    const int32_t y = oz + multiply_by_quantized_multiplier(v, v >= 0 ? id : al);
    return static_cast<T>(std::clamp(y, r.min, r.max));
  });
}

Status leaky_relu_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<LeakyReluState>();
  switch (in.type) {
    case DType::kF32: {
      const float alpha = s.alpha;
      apply_unary<float, float>(in, out, [=](float x) { return x >= 0.f ? x : x * alpha; });
      break;
    }
    case DType::kI8: leaky_relu_quantized<int8_t>(s, in, out); break;
    case DType::kU8: leaky_relu_quantized<uint8_t>(s, in, out); break;
    default: leaky_relu_quantized<int16_t>(s, in, out); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_LEAKY_RELU = {tflfb::BuiltinOperator_LEAKY_RELU, nullptr, "LEAKY_RELU", 2, kPure,
                                        "f32 i8 u8 i16", leaky_relu_prepare, leaky_relu_eval};

}  // namespace tfb
