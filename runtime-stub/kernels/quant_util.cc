#include "kernels/quant_util.h"

#include <cmath>
#include <limits>

namespace tfb {

QuantizedMultiplier quantize_multiplier(double m) {
  QuantizedMultiplier q;
  if (m == 0.0) return q;
  // A degenerate scale (0, denormal, inf) can make the ratio infinite or NaN
  // (found by fuzz_model): treat it as the largest double, whose shift makes
  // every product wrap to 0, instead of converting inf to an integer.
  if (!std::isfinite(m)) m = std::numeric_limits<double>::max();
  int shift = 0;
  const double fraction = std::frexp(m, &shift);  // m = fraction * 2^shift, fraction in [0.5, 1)
  int64_t fixed = static_cast<int64_t>(std::round(fraction * static_cast<double>(int64_t{1} << 31)));
  if (fixed == (int64_t{1} << 31)) {  // rounding reached 1.0
    fixed /= 2;
    ++shift;
  }
  if (shift < -31) {  // too small to represent: the product is 0
    shift = 0;
    fixed = 0;
  }
  q.multiplier = static_cast<int32_t>(fixed);
  q.shift = shift;
  return q;
}

std::vector<QuantizedMultiplier> conv_output_multipliers(float input_scale, const std::vector<float>& filter_scales,
                                                         float output_scale) {
  std::vector<QuantizedMultiplier> out;
  out.reserve(filter_scales.size());
  for (float fs : filter_scales) {
    // TFLite computes the effective scale in double from float operands.
    const double effective = static_cast<double>(input_scale) * static_cast<double>(fs) / static_cast<double>(output_scale);
    out.push_back(quantize_multiplier(effective));
  }
  return out;
}

}  // namespace tfb
