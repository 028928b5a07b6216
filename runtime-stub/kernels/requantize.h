// How the integer accumulator of a quantized conv / fully connected output
// becomes an output value, per output channel. TFLite has two arithmetics and
// which one ran depends on the op:
//   kFloatScale  what TFLite's default XNNPACK delegate computes for int8 and
//                uint8 convolutions and fully connected layers: the
//                accumulator times the float scale
//                input_scale * filter_scale / output_scale, rounded to
//                nearest-even, plus the zero point.
//   kFixedPoint  TFLite's builtin kernels: a Q31 multiplier and shift with
//                double rounding for int32 accumulators, the reduced Q15 form
//                for int64 accumulators (int16 activations).
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "interpreter/context.h"
#include "kernels/kernel_util.h"
#include "kernels/quant_util.h"

namespace tfb {

struct Requantization {
  enum class Arithmetic { kFloatScale, kFixedPoint };
  Arithmetic arithmetic = Arithmetic::kFixedPoint;
  std::vector<float> scale;                     // kFloatScale, one per channel
  std::vector<QuantizedMultiplier> multiplier;  // kFixedPoint, one per channel
  int32_t zero_point = 0;
  IntRange range;  // output clamp: dtype range narrowed by the fused activation

  int32_t operator()(int32_t acc, int channel) const;
  int32_t operator()(int64_t acc, int channel) const;  // int16 activations: kFixedPoint only
};

// Builds the requantization of an op with `channels` output channels whose
// filter has one scale or one per channel. Checks that every scale is usable.
Status make_requantization(Requantization::Arithmetic arithmetic, const Tensor& input, const Tensor& filter,
                           const Tensor& output, int channels, tflfb::ActivationFunctionType act,
                           Requantization* out);

// x rounded to the nearest integer, ties to even, for |x| <= 2^22 (XNNPACK's
// magic-number rounding: exact and vectorizable).
inline int32_t round_half_even(float x) {
  const float shifted = x + 12582912.0f;  // 1.5 * 2^23
  int32_t bits;
  std::memcpy(&bits, &shifted, sizeof(bits));
  return bits - 0x4B400000;
}

// out[c] = requantized acc[c] for channels [c0, c0 + n).
template <class Out>
void requantize_row(const int32_t* acc, int c0, int n, const Requantization& r, Out* out) {
  if (r.arithmetic == Requantization::Arithmetic::kFloatScale) {
    const float* scale = r.scale.data() + c0;
    const float lo = static_cast<float>(r.range.min - r.zero_point);
    const float hi = static_cast<float>(r.range.max - r.zero_point);
    const int32_t zp = r.zero_point;
    for (int c = 0; c < n; ++c) {
      float v = static_cast<float>(acc[c]) * scale[c];
      v = v < lo ? lo : (v > hi ? hi : v);
      out[c] = static_cast<Out>(round_half_even(v) + zp);
    }
  } else {
    for (int c = 0; c < n; ++c) out[c] = static_cast<Out>(r(acc[c], c0 + c));
  }
}

template <class Out>
void requantize_row(const int64_t* acc, int c0, int n, const Requantization& r, Out* out) {
  for (int c = 0; c < n; ++c) out[c] = static_cast<Out>(r(acc[c], c0 + c));
}

}  // namespace tfb
