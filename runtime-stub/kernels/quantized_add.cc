#include "kernels/quantized_add.h"

#include <cmath>

#include "kernels/binary_op.h"
#include "kernels/quant_params.h"

namespace tfb {
namespace {

// log2(x) when x is a power of two within TFLite's tolerance.
bool pot_log2(float x, int* log2) {
  const float l = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(l);
  *log2 = static_cast<int>(rounded);
  return std::abs(l - rounded) < 1e-3f;
}

bool xnnpack_takes(float a_ratio, float b_ratio) {
  auto in_range = [](float r) { return r >= 0x1.0p-10f && r < 0x1.0p+8f; };
  return in_range(a_ratio) && in_range(b_ratio);
}

void prepare_xnnpack(const Tensor& a, const Tensor& b, const Tensor& out, QuantizedAddParams* p) {
  const float out_scale = out.quant.scale0();
  const float a_ratio = a.quant.scale0() / out_scale;
  const float b_ratio = b.quant.scale0() / out_scale;
  // The larger ratio gets 21 significant bits; both share its exponent.
  int exponent = 0;
  std::frexp(std::max(a_ratio, b_ratio), &exponent);  // ratio = f * 2^exponent, f in [0.5, 1)
  p->shift = 20 - (exponent - 1);
  p->a_mult = static_cast<int32_t>(std::lrint(std::ldexp(a_ratio, p->shift)));
  p->b_mult = static_cast<int32_t>(std::lrint(std::ldexp(b_ratio, p->shift)));
  if (p->subtract) p->b_mult = -p->b_mult;
  p->bias = (int32_t{1} << (p->shift - 1)) - p->a_mult * a.quant.zp0() - p->b_mult * b.quant.zp0();
}

void prepare_general(const Tensor& a, const Tensor& b, const Tensor& out, QuantizedAddParams* p) {
  p->a_offset = -a.quant.zp0();
  p->b_offset = -b.quant.zp0();
  p->left_shift = out.type == DType::kI16 ? 15 : 20;
  // TFLite forms these in float and widens to double; keep its rounding.
  const double twice_max = 2 * std::max(a.quant.scale0(), b.quant.scale0());
  p->a_q = quantize_multiplier(a.quant.scale0() / twice_max);
  p->b_q = quantize_multiplier(b.quant.scale0() / twice_max);
  p->out_q = quantize_multiplier(twice_max / ((1 << p->left_shift) * out.quant.scale0()));
}

}  // namespace

Status prepare_quantized_add(const Tensor& a, const Tensor& b, const Tensor& out, bool subtract, bool pot_scale_int16,
                             tflfb::ActivationFunctionType act, QuantizedAddParams* p) {
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(a, "input 0"));
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(b, "input 1"));
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
  *p = QuantizedAddParams{};
  p->subtract = subtract;
  p->act = quantized_activation_range(act, out);
  p->out_zp = out.quant.zp0();
  if (out.type == DType::kI16) {
    TFB_SUPPORTED(a.quant.zp0() == 0 && b.quant.zp0() == 0 && out.quant.zp0() == 0,
                  "int16 inputs and output need zero point 0");
    int la = 0, lb = 0, lo = 0;
    const bool pot = pot_scale_int16 && pot_log2(a.quant.scale0(), &la) && pot_log2(b.quant.scale0(), &lb) &&
                     pot_log2(out.quant.scale0(), &lo);
    if (pot) {
      p->method = QuantizedAddParams::Method::kPot16;
      p->a_right = lo - la;
      p->b_right = lo - lb;
      TFB_SUPPORTED((p->a_right == 0 || p->b_right == 0) && p->a_right >= 0 && p->b_right >= 0,
                    "int16 power-of-two scales need one input at the output's scale and the other finer");
      return OkStatus();
    }
    p->method = QuantizedAddParams::Method::kGeneral;
    prepare_general(a, b, out, p);
    return OkStatus();
  }
  const float out_scale = out.quant.scale0();
  if (xnnpack_takes(a.quant.scale0() / out_scale, b.quant.scale0() / out_scale)) {
    p->method = QuantizedAddParams::Method::kXnnpack;
    prepare_xnnpack(a, b, out, p);
  } else {
    p->method = QuantizedAddParams::Method::kGeneral;
    prepare_general(a, b, out, p);
  }
  return OkStatus();
}

template <class T>
void eval_quantized_add(const QuantizedAddParams& p, const Tensor& a, const Tensor& b, Tensor& out) {
  const int32_t lo = p.act.min, hi = p.act.max;
  switch (p.method) {
    case QuantizedAddParams::Method::kXnnpack: {
      const int32_t bias = p.bias, am = p.a_mult, bm = p.b_mult, shift = p.shift, zp = p.out_zp;
      apply_binary<T, T>(a, b, out, [=](T x, T y) {
        const int32_t acc = bias + int32_t{x} * am + int32_t{y} * bm;
        return static_cast<T>(std::clamp((acc >> shift) + zp, lo, hi));
      });
      break;
    }
    case QuantizedAddParams::Method::kGeneral: {
      const QuantizedAddParams q = p;
      apply_binary<T, T>(a, b, out, [q, lo, hi](T x, T y) {
        const int32_t sx = multiply_by_quantized_multiplier((int32_t{x} + q.a_offset) * (1 << q.left_shift), q.a_q);
        const int32_t sy = multiply_by_quantized_multiplier((int32_t{y} + q.b_offset) * (1 << q.left_shift), q.b_q);
        const int32_t sum = q.subtract ? sx - sy : sx + sy;
        return static_cast<T>(std::clamp(multiply_by_quantized_multiplier(sum, q.out_q) + q.out_zp, lo, hi));
      });
      break;
    }
    case QuantizedAddParams::Method::kPot16: {
      const int ar = p.a_right, br = p.b_right;
      const bool sub = p.subtract;
      apply_binary<T, T>(a, b, out, [=](T x, T y) {
        const int32_t sx = ar ? rounding_divide_by_pot(x, ar) : x;
        const int32_t sy = br ? rounding_divide_by_pot(y, br) : y;
        const int32_t r = std::clamp(sub ? sx - sy : sx + sy, -32768, 32767);  // saturating 16-bit
        return static_cast<T>(std::clamp(r, lo, hi));
      });
      break;
    }
  }
}

template void eval_quantized_add<int8_t>(const QuantizedAddParams&, const Tensor&, const Tensor&, Tensor&);
template void eval_quantized_add<uint8_t>(const QuantizedAddParams&, const Tensor&, const Tensor&, Tensor&);
template void eval_quantized_add<int16_t>(const QuantizedAddParams&, const Tensor&, const Tensor&, Tensor&);

}  // namespace tfb
