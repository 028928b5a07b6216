#include "kernels/hybrid_quantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tfb {

// Codes are clamped while still float, so NaN or infinite inputs give defined
// (if meaningless) values.

RowQuantization quantize_row_symmetric(const float* x, int64_t n, int8_t* q) {
  float lo = 0.f, hi = 0.f;
  if (n > 0) {
    auto [mn, mx] = std::minmax_element(x, x + n);
    lo = *mn;
    hi = *mx;
  }
  const float range = std::max(std::fabs(lo), std::fabs(hi));
  RowQuantization r;
  if (range == 0.f) {
    std::memset(q, 0, static_cast<size_t>(n));
    return r;
  }
  r.scale = range / 127.f;
  const float inverse = 127.f / range;
  for (int64_t i = 0; i < n; ++i)
    q[i] = static_cast<int8_t>(std::fmin(std::fmax(std::round(x[i] * inverse), -127.f), 127.f));
  return r;
}

RowQuantization quantize_row_asymmetric(const float* x, int64_t n, int8_t* q) {
  double lo = 0.0, hi = 0.0;
  if (n > 0) {
    auto [mn, mx] = std::minmax_element(x, x + n);
    lo = std::fmin(0.0, *mn);
    hi = std::fmax(0.0, *mx);
  }
  RowQuantization r;
  if (lo == hi) {
    std::memset(q, 0, static_cast<size_t>(n));
    return r;
  }
  // TFLite computes the parameters in double and keeps the zero point whose
  // derivation (from the min or from the max) has the smaller error.
  constexpr double qmin = -128.0, qmax = 127.0;
  const double scale = (hi - lo) / (qmax - qmin);
  const double zp_from_min = qmin - lo / scale;
  const double zp_from_max = qmax - hi / scale;
  const double err_min = std::fabs(qmin) + std::fabs(lo / scale);
  const double err_max = std::fabs(qmax) + std::fabs(hi / scale);
  const double zp = err_min < err_max ? zp_from_min : zp_from_max;
  r.zero_point = !(zp > qmin) ? -128 : !(zp < qmax) ? 127 : static_cast<int32_t>(std::round(zp));  // NaN: -128
  r.scale = static_cast<float>(scale);
  const float inverse = static_cast<float>(1.0 / r.scale);
  const float offset = static_cast<float>(r.zero_point);
  for (int64_t i = 0; i < n; ++i)
    q[i] = static_cast<int8_t>(std::fmin(std::fmax(std::round(offset + x[i] * inverse), -128.f), 127.f));
  return r;
}

}  // namespace tfb
