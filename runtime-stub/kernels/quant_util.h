// TFLite's integer arithmetic for quantized kernels. Results must agree with
// TFLite to the step, so these follow its fixed-point definitions exactly:
// a real multiplier M is stored as a Q31 `multiplier` in [2^30, 2^31) and a
// power-of-two `shift` (> 0 = left), and x * M is computed with one rounding
// doubling high multiply followed by a rounding right shift.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

namespace tfb {

struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int shift = 0;  // > 0: left shift, < 0: right shift
};

// Decomposes m (>= 0) into multiplier * 2^shift with the multiplier in Q31.
QuantizedMultiplier quantize_multiplier(double m);

// (a * b * 2) >> 32 with round-half-away-from-zero, saturating the one
// overflowing case (INT32_MIN * INT32_MIN).
inline int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) return std::numeric_limits<int32_t>::max();
  int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero.
inline int32_t rounding_divide_by_pot(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * M for an int32 accumulator (TFLite's double-rounding form).
inline int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {
  const int left = shift > 0 ? shift : 0;
  const int right = shift > 0 ? 0 : -shift;
  // x * 2^left wraps in 32 bits as TFLite's does; 2^32 and more wrap to 0
  // (a model's absurd scale ratio can ask for that: found by fuzz_model).
  const uint32_t scaled = left < 32 ? static_cast<uint32_t>(x) << left : 0;
  return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(static_cast<int32_t>(scaled), multiplier), right);
}
inline int32_t multiply_by_quantized_multiplier(int32_t x, QuantizedMultiplier q) {
  return multiply_by_quantized_multiplier(x, q.multiplier, q.shift);
}

// x * M for an int64 accumulator (int16 activations with int64 bias): the
// multiplier is reduced to Q15 and the product rounded once. Arithmetic wraps
// in 64 bits as TFLite's does in practice; a model's absurd scale ratio can
// ask for a left shift (ratio >= 2^14) or a right shift past 63 (found by
// review of the fuzz_model fix in the 32-bit path), which give the wrapped
// product or 0 instead of undefined behaviour.
inline int32_t multiply_by_quantized_multiplier_64(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const uint64_t product = static_cast<uint64_t>(x) * static_cast<uint64_t>(static_cast<int64_t>(reduced));
  const int total_shift = 15 - shift;
  if (total_shift <= 0) return -total_shift < 64 ? static_cast<int32_t>(product << -total_shift) : 0;
  if (total_shift >= 64) return 0;
  const uint64_t rounded = product + (uint64_t{1} << (total_shift - 1));
  return static_cast<int32_t>(static_cast<int64_t>(rounded) >> total_shift);
}

// Per-channel (or per-tensor, size 1) output multipliers of a conv/fc:
// input_scale * filter_scale[c] / output_scale.
std::vector<QuantizedMultiplier> conv_output_multipliers(float input_scale, const std::vector<float>& filter_scales,
                                                         float output_scale);

}  // namespace tfb
