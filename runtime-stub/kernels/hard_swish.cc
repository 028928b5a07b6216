// HARD_SWISH: x * relu6(x + 3) / 6. float32, and int8/uint8 with TFLite's
// builtin 16-bit fixed-point method: the input is moved to a high-resolution
// 16-bit scale, a "relu-ish" factor in [0, 1] is formed from it (x rescaled
// so that 3.0 maps to 1, saturated, shifted to [0, 1]), and the product is
// rescaled to the output.
#include <limits>

#include "kernels/quant_params.h"
#include "kernels/quant_util.h"
#include "kernels/unary_op.h"

namespace tfb {
namespace {

struct HardSwishState : KernelState {
  int32_t in_zp = 0, out_zp = 0;
  int16_t output_multiplier = 0, reluish_multiplier = 0;
  int output_exponent = 0, reluish_exponent = 0;
};

bool hard_swish_dtype(DType t) { return t == DType::kF32 || t == DType::kI8 || t == DType::kU8; }

// A Q31 multiplier rounded to Q15, saturating at the top.
int16_t to_q15(int32_t q31) {
  if (q31 >= std::numeric_limits<int32_t>::max() - (1 << 15)) return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((q31 + (1 << 15)) >> 16);
}

int16_t saturate16(int32_t x) {
  return static_cast<int16_t>(
      std::clamp<int32_t>(x, std::numeric_limits<int16_t>::min(), std::numeric_limits<int16_t>::max()));
}

// (a * b * 2) >> 16, rounded half up (nudged toward zero for negatives, as gemmlowp).
int16_t rounding_doubling_high_mul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
  const int32_t ab = int32_t{a} * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// The same without rounding (truncation toward zero).
int16_t doubling_high_mul16(int16_t a, int16_t b) {
  if (a == b && a == std::numeric_limits<int16_t>::min()) return std::numeric_limits<int16_t>::max();
  return static_cast<int16_t>((int32_t{a} * b) / (1 << 15));
}

Status hard_swish_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_unary(ctx, n, "HARD_SWISH", hard_swish_dtype));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  if (in.type == DType::kF32) return OkStatus();
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
  auto s = std::make_unique<HardSwishState>();
  s->in_zp = in.quant.zp0();
  s->out_zp = out.quant.zp0();
  // Float arithmetic throughout, as TFLite forms these scales.
  const float hires_input_scale = (1.0f / 128.0f) * in.quant.scale0();
  const float reluish_scale = 3.0f / 32768.0f;
  const QuantizedMultiplier output_q = quantize_multiplier(hires_input_scale / out.quant.scale0());
  const QuantizedMultiplier reluish_q = quantize_multiplier(hires_input_scale / reluish_scale);
  TFB_SUPPORTED(output_q.shift <= 0, "HARD_SWISH output scale %g is too small for input scale %g", out.quant.scale0(),
                in.quant.scale0());
  s->output_multiplier = to_q15(output_q.multiplier);
  s->output_exponent = output_q.shift;
  s->reluish_multiplier = to_q15(reluish_q.multiplier);
  s->reluish_exponent = reluish_q.shift;
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
T hard_swish_quantized(const HardSwishState& s, T x) {
  const int16_t value = static_cast<int16_t>(int32_t{x} - s.in_zp);
  const int16_t hires = static_cast<int16_t>(value * (1 << 7));
  const int16_t preshift_output = rounding_doubling_high_mul16(hires, s.output_multiplier);
  // Rescale so that 3.0 is 2^15, saturating; a left shift is split so any
  // saturation happens only at its last bit.
  int16_t reluish = hires;
  if (s.reluish_exponent > 0) reluish = saturate16(int32_t{reluish} * (1 << (s.reluish_exponent - 1)));
  reluish = rounding_doubling_high_mul16(reluish, s.reluish_multiplier);
  if (s.reluish_exponent > 0) reluish = saturate16(int32_t{reluish} * 2);
  if (s.reluish_exponent < 0) reluish = static_cast<int16_t>(rounding_divide_by_pot(reluish, -s.reluish_exponent));
  reluish = static_cast<int16_t>((int32_t{reluish} + (1 << 15)) >> 1);  // [-1, 1] -> [0, 1]
  const int16_t product = doubling_high_mul16(reluish, preshift_output);
  const int32_t y = rounding_divide_by_pot(product, -s.output_exponent) + s.out_zp;
  return static_cast<T>(std::clamp<int32_t>(y, std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
}

Status hard_swish_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32:
      apply_unary<float, float>(in, out, [](float x) { return x * std::min(std::max(x + 3.f, 0.f), 6.f) / 6.f; });
      break;
    case DType::kI8: {
      const auto& s = n.state_as<HardSwishState>();
      apply_unary<int8_t, int8_t>(in, out, [&s](int8_t x) { return hard_swish_quantized(s, x); });
      break;
    }
    default: {
      const auto& s = n.state_as<HardSwishState>();
      apply_unary<uint8_t, uint8_t>(in, out, [&s](uint8_t x) { return hard_swish_quantized(s, x); });
      break;
    }
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_HARD_SWISH = {tflfb::BuiltinOperator_HARD_SWISH,
                                        nullptr,
                                        "HARD_SWISH",
                                        1,
                                        kPure,
                                        "f32 i8 u8",
                                        hard_swish_prepare,
                                        hard_swish_eval};

}  // namespace tfb
