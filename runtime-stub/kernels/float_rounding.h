// Round half to even (what XNNPACK's lrintf and magic-bias tricks do) for
// floats known to lie within +-2^22, without a libm call, so loops using it
// vectorize: adding 1.5 * 2^23 leaves no fraction bits and IEEE addition
// rounds the dropped ones half to even.
#pragma once

namespace tfb {

inline float round_half_even_small(float x) {
  constexpr float kMagic = 12582912.0f;  // 1.5 * 2^23
  return (x + kMagic) - kMagic;
}

// Clamps to [lo, hi], NaN to lo; written as selects that compile to
// vector min/max (std::fmin/fmax would be library calls).
inline float clamp_float(float x, float lo, float hi) {
  x = x > lo ? x : lo;
  return x < hi ? x : hi;
}

}  // namespace tfb
