// MUL: a * b with numpy broadcasting and a fused activation. float32,
// int32, int64, and quantized int8/uint8/int16. Quantized int8/uint8 runs
// the way XNNPACK does when it takes the op (product scale ratio in
// [2^-16, 2^8)): the integer product scaled in float and rounded to
// nearest-even; otherwise TFLite's Q31 multiplier with double rounding.
#include <cmath>

#include "kernels/binary_op.h"
#include "kernels/float_rounding.h"
#include "kernels/quant_params.h"
#include "kernels/quant_util.h"

namespace tfb {
namespace {

struct MulState : KernelState {
  FloatRange act;
  IntRange int_act;
  IntRange q_act;
  bool xnnpack = false;
  float scale = 0.f;  // xnnpack: product-to-output scale
  QuantizedMultiplier multiplier;
  int32_t a_zp = 0, b_zp = 0, out_zp = 0;
};

Status mul_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "MUL"));
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  const Tensor& out = ctx.output(n, 0);
  tflfb::ActivationFunctionType act;
  TFB_RETURN_IF_ERROR(binary_activation(n, &act));
  auto s = std::make_unique<MulState>();
  s->act = activation_range(act);
  s->int_act = int_activation_range(act);
  switch (a.type) {
    case DType::kF32:
    case DType::kI32:
    case DType::kI64: break;
    case DType::kI8:
    case DType::kU8:
    case DType::kI16: {
      TFB_RETURN_IF_ERROR(require_per_tensor_quant(a, "input 0"));
      TFB_RETURN_IF_ERROR(require_per_tensor_quant(b, "input 1"));
      TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
      s->a_zp = a.quant.zp0();
      s->b_zp = b.quant.zp0();
      s->out_zp = out.quant.zp0();
      s->q_act = quantized_activation_range(act, out);
      // int16 products fit int32 only around a zero point of 0, which TFLite requires.
      TFB_SUPPORTED(a.type != DType::kI16 || (s->a_zp == 0 && s->b_zp == 0 && s->out_zp == 0),
                    "int16 MUL needs zero points of 0");
      // Both TFLite and XNNPACK form the ratio in float.
      const float ratio = a.quant.scale0() * b.quant.scale0() / out.quant.scale0();
      s->xnnpack = a.type != DType::kI16 && ratio >= 0x1.0p-16f && ratio < 0x1.0p+8f;
      s->scale = ratio;
      s->multiplier = quantize_multiplier(ratio);
      break;
    }
    default: TFB_SUPPORTED(false, "MUL on %s is not supported", dtype_name(a.type));
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void mul_quantized(const MulState& s, const Tensor& a, const Tensor& b, Tensor& out) {
  const int32_t az = s.a_zp, bz = s.b_zp, oz = s.out_zp, lo = s.q_act.min, hi = s.q_act.max;
  if (s.xnnpack) {
    // Clamped in float first, as XNNPACK does, so the rounding stays exact.
    const float scale = s.scale, flo = static_cast<float>(lo - oz), fhi = static_cast<float>(hi - oz);
    apply_binary<T, T>(a, b, out, [=](T x, T y) {
      const float p = static_cast<float>((int32_t{x} - az) * (int32_t{y} - bz)) * scale;
      return static_cast<T>(static_cast<int32_t>(round_half_even_small(clamp_float(p, flo, fhi))) + oz);
    });
  } else {
    const QuantizedMultiplier m = s.multiplier;
    apply_binary<T, T>(a, b, out, [=](T x, T y) {
      const int32_t p = (int32_t{x} - az) * (int32_t{y} - bz);
      return static_cast<T>(std::clamp(multiply_by_quantized_multiplier(p, m) + oz, lo, hi));
    });
  }
}

Status mul_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<MulState>();
  switch (a.type) {
    case DType::kF32: {
      const float lo = s.act.min, hi = s.act.max;
      apply_binary<float, float>(a, b, out, [=](float x, float y) { return std::clamp(x * y, lo, hi); });
      break;
    }
    case DType::kI32: {
      const int32_t lo = s.int_act.min, hi = s.int_act.max;
      apply_binary<int32_t, int32_t>(a, b, out,
                                     [=](int32_t x, int32_t y) { return std::clamp(wrapping_mul(x, y), lo, hi); });
      break;
    }
    case DType::kI64: {
      const int64_t lo = s.int_act.min == INT32_MIN ? INT64_MIN : s.int_act.min;
      const int64_t hi = s.int_act.max == INT32_MAX ? INT64_MAX : s.int_act.max;
      apply_binary<int64_t, int64_t>(a, b, out,
                                     [=](int64_t x, int64_t y) { return std::clamp(wrapping_mul(x, y), lo, hi); });
      break;
    }
    case DType::kI8: mul_quantized<int8_t>(s, a, b, out); break;
    case DType::kU8: mul_quantized<uint8_t>(s, a, b, out); break;
    default: mul_quantized<int16_t>(s, a, b, out); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_MUL = {tflfb::BuiltinOperator_MUL, nullptr,     "MUL",   6, kPure,
                                 "f32 i32 i64 i8 u8 i16",    mul_prepare, mul_eval};

}  // namespace tfb
