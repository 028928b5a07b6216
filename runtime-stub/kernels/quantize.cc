// QUANTIZE: float32 -> int8/uint8/int16, or requantize between integer
// types (int8, uint8, int16, int32). Matches the kernel the real TFLite
// runs: XNNPACK takes float -> int8/uint8 (x * (1/scale), round half to
// even) and int8 -> int8 / uint8 -> uint8 with a scale ratio in
// [2^-8, 2^7] (an 8-bit fixed-point multiplier); everything else runs
// TFLite's builtin kernel (x / scale rounded half away from zero, or a Q31
// multiplier with double rounding).
#include <cmath>

#include "kernels/float_rounding.h"
#include "kernels/quant_params.h"
#include "kernels/quant_util.h"
#include "kernels/unary_op.h"

namespace tfb {
namespace {

enum class QuantizeMethod { kFloatXnnpack, kFloatTflite, kRequantXnnpack, kRequantTflite };

struct QuantizeState : KernelState {
  QuantizeMethod method = QuantizeMethod::kRequantTflite;
  float scale = 0.f;  // float input: output scale (TFLite) or its reciprocal (XNNPACK)
  int32_t in_zp = 0, out_zp = 0;
  int32_t multiplier8 = 0;  // XNNPACK requantize: ratio * 256
  QuantizedMultiplier multiplier;
};

bool requant_type(DType t) { return t == DType::kI8 || t == DType::kU8 || t == DType::kI16 || t == DType::kI32; }

Status quantize_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(
      (in.type == DType::kF32 && is_quantized_type(out.type)) || (requant_type(in.type) && requant_type(out.type)),
      "QUANTIZE from %s to %s is not supported", dtype_name(in.type), dtype_name(out.type));
  TFB_SUPPORTED(!out.quant.per_channel(), "QUANTIZE to per-channel %s is not supported", dtype_name(out.type));
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
  auto s = std::make_unique<QuantizeState>();
  s->out_zp = out.quant.zp0();
  const float out_scale = out.quant.scale0();
  if (in.type == DType::kF32) {
    const bool xnnpack = out.type != DType::kI16;
    s->method = xnnpack ? QuantizeMethod::kFloatXnnpack : QuantizeMethod::kFloatTflite;
    s->scale = xnnpack ? 1.0f / out_scale : out_scale;
  } else {
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
    s->in_zp = in.quant.zp0();
    const float ratio = in.quant.scale0() / out_scale;
    const bool same_8bit = in.type == out.type && (in.type == DType::kI8 || in.type == DType::kU8);
    if (same_8bit && ratio >= 0x1.0p-8f && ratio <= 0x1.0p+7f) {
      s->method = QuantizeMethod::kRequantXnnpack;
      s->multiplier8 = static_cast<int32_t>(std::lrint(256.0f * ratio));
    } else {
      s->method = QuantizeMethod::kRequantTflite;
      s->multiplier = quantize_multiplier(static_cast<double>(in.quant.scale0()) / static_cast<double>(out_scale));
    }
  }
  n.state = std::move(s);
  return ctx.set_shape(out, in.shape);
}

template <class Out>
void quantize_float(const QuantizeState& s, const Tensor& in, Tensor& out) {
  const IntRange r = dtype_range(out.type);
  // Clamp in float before converting: the quotient may not fit an int (and
  // NaN has no integer value).
  const float lo = static_cast<float>(r.min - s.out_zp), hi = static_cast<float>(r.max - s.out_zp);
  const float scale = s.scale;
  const int32_t zp = s.out_zp;
  if (s.method == QuantizeMethod::kFloatXnnpack) {
    apply_unary<float, Out>(in, out, [=](float x) {
      return static_cast<Out>(static_cast<int32_t>(round_half_even_small(clamp_float(x * scale, lo, hi))) + zp);
    });
  } else {
    apply_unary<float, Out>(in, out, [=](float x) {
      return static_cast<Out>(static_cast<int32_t>(clamp_float(std::round(x / scale), lo, hi)) + zp);
    });
  }
}

template <class In, class Out>
void requantize(const QuantizeState& s, const Tensor& in, Tensor& out) {
  const IntRange r = dtype_range(out.type);
  const int32_t iz = s.in_zp, oz = s.out_zp;
  if (s.method == QuantizeMethod::kRequantXnnpack) {
    // 8 fractional bits; the +0x80 makes the shift round half up.
    const int32_t m = s.multiplier8, bias = (oz << 8) + 0x80;
    apply_unary<In, Out>(
        in, out, [=](In x) { return static_cast<Out>(std::clamp((bias + (int32_t{x} - iz) * m) >> 8, r.min, r.max)); });
  } else {
    const QuantizedMultiplier m = s.multiplier;
    apply_unary<In, Out>(in, out, [=](In x) {
      const int32_t v = static_cast<int32_t>(static_cast<uint32_t>(x) - static_cast<uint32_t>(iz));
      const int64_t y = int64_t{multiply_by_quantized_multiplier(v, m)} + oz;
      return static_cast<Out>(std::clamp<int64_t>(y, r.min, r.max));
    });
  }
}

template <class In>
void requantize_from(const QuantizeState& s, const Tensor& in, Tensor& out) {
  switch (out.type) {
    case DType::kI8: requantize<In, int8_t>(s, in, out); break;
    case DType::kU8: requantize<In, uint8_t>(s, in, out); break;
    case DType::kI16: requantize<In, int16_t>(s, in, out); break;
    default: requantize<In, int32_t>(s, in, out); break;
  }
}

Status quantize_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<QuantizeState>();
  switch (in.type) {
    case DType::kF32:
      switch (out.type) {
        case DType::kI8: quantize_float<int8_t>(s, in, out); break;
        case DType::kU8: quantize_float<uint8_t>(s, in, out); break;
        default: quantize_float<int16_t>(s, in, out); break;
      }
      break;
    case DType::kI8: requantize_from<int8_t>(s, in, out); break;
    case DType::kU8: requantize_from<uint8_t>(s, in, out); break;
    case DType::kI16: requantize_from<int16_t>(s, in, out); break;
    default: requantize_from<int32_t>(s, in, out); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_QUANTIZE = {tflfb::BuiltinOperator_QUANTIZE,
                                      nullptr,
                                      "QUANTIZE",
                                      3,
                                      kPure,
                                      "f32->i8 f32->u8 f32->i16 i8->i8 u8->u8 i8->u8 u8->i8 i16->i8 i16->i32 i32->i16",
                                      quantize_prepare,
                                      quantize_eval};

}  // namespace tfb
