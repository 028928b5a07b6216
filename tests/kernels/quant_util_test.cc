// TFLite's fixed-point requantization, by hand: ordinary ratios round as
// TFLite's formulas do, and absurd ratios (from hostile models) give defined
// results instead of undefined shifts.
#include "kernels/quant_util.h"

#include <gtest/gtest.h>

#include <cmath>

namespace tfb {
namespace {

TEST(QuantUtil, MultiplierDecomposition) {
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  EXPECT_EQ(half.multiplier, 1 << 30);
  EXPECT_EQ(half.shift, 0);
  const QuantizedMultiplier big = quantize_multiplier(std::ldexp(1.0, 20));
  EXPECT_EQ(big.multiplier, 1 << 30);
  EXPECT_EQ(big.shift, 21);
  EXPECT_EQ(quantize_multiplier(std::ldexp(1.0, -60)).multiplier, 0);  // below Q31's reach
  EXPECT_EQ(quantize_multiplier(INFINITY).shift, 1025);  // the largest double, rounded up to 2^1025
}

TEST(QuantUtil, Int32PathRoundsAsTFLite) {
  // The doubling high multiply's nudge (1 - 2^30 below zero) sends a negative
  // exact tie towards zero: -1.5 -> -1, 1.5 -> 2.
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  EXPECT_EQ(multiply_by_quantized_multiplier(3, half), 2);
  EXPECT_EQ(multiply_by_quantized_multiplier(-3, half), -1);
  EXPECT_EQ(multiply_by_quantized_multiplier(1000, quantize_multiplier(0.123)), 123);
  EXPECT_EQ(multiply_by_quantized_multiplier(3, quantize_multiplier(std::ldexp(1.0, 20))), 3 << 20);
  EXPECT_EQ(multiply_by_quantized_multiplier(3, quantize_multiplier(std::ldexp(1.0, 40))), 0);  // wraps
}

TEST(QuantUtil, Int64PathRoundsHalfUp) {
  // TFLite adds half and shifts: ties go towards +infinity on this path.
  const QuantizedMultiplier half = quantize_multiplier(0.5);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(3, half.multiplier, half.shift), 2);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(-3, half.multiplier, half.shift), -1);
  const QuantizedMultiplier third = quantize_multiplier(1.0 / 3.0);
  // The multiplier is cut to Q15 (21845 / 2^16 for 1/3), so 3 * 2^20 / 3 lands 16 below 2^20.
  EXPECT_EQ(multiply_by_quantized_multiplier_64(int64_t{3} << 20, third.multiplier, third.shift), (1 << 20) - 16);
}

TEST(QuantUtil, Int64PathLargeRatiosAreDefined) {
  // A ratio of 2^20 needs a left shift of the Q15 product: exact for a power of two.
  const QuantizedMultiplier big = quantize_multiplier(std::ldexp(1.0, 20));
  EXPECT_EQ(multiply_by_quantized_multiplier_64(3, big.multiplier, big.shift), 3 << 20);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(-3, big.multiplier, big.shift), -(3 << 20));
  const QuantizedMultiplier huge = quantize_multiplier(INFINITY);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(12345, huge.multiplier, huge.shift), 0);
  EXPECT_EQ(multiply_by_quantized_multiplier_64(12345, 1 << 30, -60), 0);  // right shift past 63
}

}  // namespace
}  // namespace tfb
