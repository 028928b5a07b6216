#include "kernels/fixed_point.h"

#include <limits>

#include "kernels/quant_util.h"

namespace tfb::fixed16 {
namespace {

constexpr int16_t kMax = std::numeric_limits<int16_t>::max();
constexpr int16_t kMin = std::numeric_limits<int16_t>::min();

// int16 arithmetic that wraps, as the reference does for plain + and -.
int16_t wrap(int32_t v) { return static_cast<int16_t>(v); }

int16_t saturating_add(int16_t a, int16_t b) {
  const int32_t sum = int32_t{a} + b;
  return static_cast<int16_t>(sum > kMax ? kMax : sum < kMin ? kMin : sum);
}

// Product of two Q0.15 values, rounded to nearest; -1 * -1 saturates.
int16_t mul(int16_t a, int16_t b) {
  if (a == kMin && b == kMin) return kMax;
  const int32_t ab = int32_t{a} * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));
}

// x / 2^e rounded to nearest, ties away from zero.
int16_t divide_by_pot(int16_t x, int e) {
  const int32_t mask = (1 << e) - 1;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return wrap((x >> e) + ((x & mask) > threshold ? 1 : 0));
}

// x * 2^e: saturating for e > 0, rounding for e < 0.
int16_t mul_pot(int16_t x, int e) {
  if (e < 0) return divide_by_pot(x, -e);
  if (e == 0) return x;
  const int32_t threshold = (1 << (15 - e)) - 1;
  if (x > threshold) return kMax;
  if (x < -threshold) return kMin;
  return wrap(x * (1 << e));
}

int16_t rounding_half_sum(int16_t a, int16_t b) {
  const int32_t sum = int32_t{a} + b;
  return static_cast<int16_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

// The constants below are Q0.31 (or Q2.29) raw values; 16-bit formats use
// them rounded to their top 16 bits.
int16_t constant(int32_t raw32) { return static_cast<int16_t>(rounding_divide_by_pot(raw32, 16)); }

// exp(a) for a in [-1/4, 0), Q0.15 in and out: a Taylor polynomial around -1/8.
int16_t exp_on_quarter_interval(int16_t a) {
  const int16_t exp_minus_one_eighth = constant(1895147668);
  const int16_t one_third = constant(715827883);
  const int16_t x = wrap(a + (1 << 12));  // a + 1/8
  const int16_t x2 = mul(x, x);
  const int16_t x3 = mul(x2, x);
  const int16_t x4 = mul(x2, x2);
  const int16_t x4_over_4 = mul_pot(x4, -2);
  const int16_t tail = mul_pot(wrap(mul(wrap(x4_over_4 + x3), one_third) + x2), -1);
  return saturating_add(exp_minus_one_eighth, mul(exp_minus_one_eighth, wrap(x + tail)));
}

// exp(a) for a <= 0 given in Q`integer_bits`, as Q0.15: the fractional
// quarter goes through the polynomial, each whole power of two of the rest
// multiplies by a constant exp(-2^k).
int16_t exp_on_negative_values(int16_t a, int integer_bits) {
  const int frac_bits = 15 - integer_bits;
  const int16_t quarter = static_cast<int16_t>(1 << (frac_bits - 2));
  const int16_t a_mod_quarter = wrap((a & (quarter - 1)) - quarter);
  int16_t result = exp_on_quarter_interval(mul_pot(a_mod_quarter, integer_bits));
  const int16_t remainder = wrap(a_mod_quarter - a);
  struct Step {
    int exponent;
    int32_t exp_of_minus_pot;  // exp(-2^exponent) in Q0.31
  };
  static constexpr Step kSteps[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084}, {1, 290630308},
                                    {2, 39332535},    {3, 720401},      {4, 242}};
  for (const Step& s : kSteps)
    if (integer_bits > s.exponent && (remainder & (1 << (frac_bits + s.exponent))))
      result = mul(result, constant(s.exp_of_minus_pot));
  if (integer_bits > 5 && a < constant(-(1 << (36 - integer_bits)))) result = 0;  // below -32
  return a == 0 ? kMax : result;
}

// Newton-Raphson division shared by logistic and tanh: returns x ~= 1 / d
// in Q2.13 for d = (1 + a) / 2 in Q0.15, a in (0, 1).
int16_t reciprocal_of_half_sum(int16_t half_denominator) {
  const int16_t c48_over_17 = constant(1515870810);
  const int16_t c_neg32_over_17 = constant(-1010580540);
  int16_t x = wrap(c48_over_17 + mul(half_denominator, c_neg32_over_17));
  for (int i = 0; i < 3; ++i) {
    const int16_t one_minus_dx = wrap((1 << 13) - mul(half_denominator, x));
    x = wrap(x + mul_pot(mul(x, one_minus_dx), 2));
  }
  return x;
}

// 1 / (1 + a) for a in (0, 1), Q0.15.
int16_t one_over_one_plus(int16_t a) {
  const int16_t x = reciprocal_of_half_sum(rounding_half_sum(a, kMax));
  return mul_pot(x, 1);  // x / 2, read as Q1, rescaled to Q0
}

// (1 - a) / (1 + a) for a in (0, 1), Q0.15.
int16_t one_minus_over_one_plus(int16_t a) {
  const int16_t x = reciprocal_of_half_sum(rounding_half_sum(a, kMax));
  return mul_pot(wrap(x - (1 << 13)), 2);
}

}  // namespace

int16_t logistic(int16_t x, int integer_bits) {
  if (x == 0) return 1 << 14;
  const bool positive = x > 0;
  const int16_t abs_x = positive ? x : wrap(-x);
  const int16_t r = one_over_one_plus(exp_on_negative_values(wrap(-abs_x), integer_bits));
  return positive ? r : wrap(kMax - r);
}

int16_t tanh(int16_t x, int integer_bits) {
  if (x == 0) return 0;
  const bool negative = x < 0;
  const int16_t minus_abs = negative ? x : wrap(-x);
  // exp(-2|x|): the same raw value read with one more integer bit.
  const int16_t t = one_minus_over_one_plus(exp_on_negative_values(minus_abs, integer_bits + 1));
  return negative ? wrap(-t) : t;
}

}  // namespace tfb::fixed16

namespace tfb {
namespace {

int32_t wrap32(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }

// x * 2^e for e > 0 with saturation (32-bit).
int32_t saturating_shift_left(int32_t x, int e) {
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - e)) - 1);
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return wrap32(int64_t{x} << e);
}

}  // namespace

void inv_sqrt_multiplier(int32_t x, int32_t* multiplier, int* shift) {
  if (x <= 1) {  // 0 is treated as 1, like the reference
    *multiplier = std::numeric_limits<int32_t>::max();
    *shift = 0;
    return;
  }
  int right_shift = 11;
  while (x >= (1 << 29)) {
    x /= 4;
    ++right_shift;
  }
  // Normalize x into [2^27, 2^29) by an even shift.
  const int pairs = (__builtin_clz(static_cast<uint32_t>(x)) - 1) / 2 - 1;
  right_shift -= pairs;
  x <<= 2 * pairs;
  // Newton-Raphson on 1/sqrt in Q3.28, starting from 1.
  const int32_t half_x = rounding_divide_by_pot(x >> 1, 1);
  const int32_t three_halves = (1 << 28) + (1 << 27);
  int32_t r = 1 << 28;
  for (int i = 0; i < 5; ++i) {
    const int32_t r3 = saturating_shift_left(
        saturating_rounding_doubling_high_mul(saturating_rounding_doubling_high_mul(r, r), r), 6);
    r = saturating_shift_left(wrap32(int64_t{saturating_rounding_doubling_high_mul(three_halves, r)} -
                                     saturating_rounding_doubling_high_mul(half_x, r3)),
                              3);
  }
  r = saturating_rounding_doubling_high_mul(r, 1518500250);  // * sqrt(2) / 2
  if (right_shift < 0) {
    r = wrap32(int64_t{r} << -right_shift);
    right_shift = 0;
  }
  *multiplier = r;
  *shift = -right_shift;
}

}  // namespace tfb
