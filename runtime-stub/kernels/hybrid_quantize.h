// Input quantization of TFLite's hybrid (dynamic-range) kernels: float
// activations are quantized to int8 one batch row at a time, multiplied with
// int8 weights in integers, and the sums scaled back to float. The rounding
// here follows TFLite exactly so results agree to float precision.
#pragma once

#include <cstdint>

namespace tfb {

struct RowQuantization {
  float scale = 1.f;
  int32_t zero_point = 0;
};

// Symmetric: scale = max|x| / 127, q = round(x / scale) in [-127, 127].
RowQuantization quantize_row_symmetric(const float* x, int64_t n, int8_t* q);
// Asymmetric: [min(x, 0), max(x, 0)] mapped onto [-128, 127] with a nudged
// zero point.
RowQuantization quantize_row_asymmetric(const float* x, int64_t n, int8_t* q);

inline RowQuantization quantize_row(bool asymmetric, const float* x, int64_t n, int8_t* q) {
  return asymmetric ? quantize_row_asymmetric(x, n, q) : quantize_row_symmetric(x, n, q);
}

}  // namespace tfb
