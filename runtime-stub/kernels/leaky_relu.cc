// LEAKY_RELU: x >= 0 ? x : alpha * x. float32, and int8/uint8/int16 with
// one multiplier for each sign of the input, as the real TFLite runs it:
// XNNPACK takes int8/uint8 when both scale ratios are in its range (8-bit
// fixed-point multipliers, rounding half up); otherwise TFLite's builtin
// kernel (Q31 multipliers, double rounding).
#include <cmath>

#include "kernels/quant_params.h"
#include "kernels/quant_util.h"
#include "kernels/unary_op.h"

namespace tfb {
namespace {

struct LeakyReluState : KernelState {
  float alpha = 0.f;
  int32_t in_zp = 0, out_zp = 0;
  bool xnnpack = false;
  int32_t positive8 = 0, negative8 = 0;  // xnnpack: ratios * 256
  QuantizedMultiplier identity, scaled_alpha;
};

bool xnnpack_takes(float positive_ratio, float negative_ratio) {
  return positive_ratio >= 0x1.0p-8f && positive_ratio <= 0x1.0p+7f && negative_ratio > -0x1.0p+7f &&
         negative_ratio <= 0x1.0p+7f && std::abs(negative_ratio) >= 0x1.0p-8f;
}

bool leaky_relu_dtype(DType t) { return t == DType::kF32 || t == DType::kI8 || t == DType::kU8 || t == DType::kI16; }

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
    const float ratio = in.quant.scale0() / out.quant.scale0();
    if (in.type != DType::kI16 && xnnpack_takes(ratio, ratio * s->alpha)) {
      s->xnnpack = true;
      s->positive8 = static_cast<int32_t>(std::lrint(256.0f * ratio));
      s->negative8 = static_cast<int32_t>(std::lrint(256.0f * (ratio * s->alpha)));
    } else {
      // Float arithmetic, widened afterwards, as TFLite computes them.
      const float alpha_ratio = in.quant.scale0() * s->alpha / out.quant.scale0();
      TFB_SUPPORTED(alpha_ratio >= 0.f, "LEAKY_RELU with negative alpha %g is not supported", s->alpha);
      s->identity = quantize_multiplier(ratio);
      s->scaled_alpha = quantize_multiplier(alpha_ratio);
    }
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void leaky_relu_quantized(const LeakyReluState& s, const Tensor& in, Tensor& out) {
  const int32_t iz = s.in_zp, oz = s.out_zp;
  const IntRange r = dtype_range(out.type);
  if (s.xnnpack) {
    const int32_t pos = s.positive8, neg = s.negative8, bias = (oz << 8) + 0x80;
    apply_unary<T, T>(in, out, [=](T x) {
      const int32_t v = int32_t{x} - iz;
      return static_cast<T>(std::clamp((bias + v * (v >= 0 ? pos : neg)) >> 8, r.min, r.max));
    });
    return;
  }
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

extern const KernelDef op_LEAKY_RELU = {tflfb::BuiltinOperator_LEAKY_RELU,
                                        nullptr,
                                        "LEAKY_RELU",
                                        2,
                                        kPure,
                                        "f32 i8 u8 i16",
                                        leaky_relu_prepare,
                                        leaky_relu_eval};

}  // namespace tfb
