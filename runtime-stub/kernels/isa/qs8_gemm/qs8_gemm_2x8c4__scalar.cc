// Portable 8-bit GEMM over a 2 x 8 tile, depth in groups of 4, activations
// read unsigned (like the VNNI kernel, so both take the same packed weights
// and bias). Also the oracle the ISA kernels are tested against.
#include <cstring>

#include "kernels/isa/qs8_gemm/qs8_gemm.h"

namespace tfb {
namespace {

// x rounded to the nearest integer, ties to even, for |x| <= 2^22.
inline int32_t round_even(float x) {
  const float shifted = x + 12582912.0f;  // 1.5 * 2^23
  int32_t bits;
  std::memcpy(&bits, &shifted, sizeof(bits));
  return bits - 0x4B400000;
}

}  // namespace

void qs8_gemm_ukernel_2x8c4__scalar(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                    size_t ks_stride, const void* w, uint8_t* c, size_t c_stride,
                                    const QS8GemmParams& p) {
  constexpr size_t MR = 2, NR = 8, KR = 4;
  const uint8_t* ar[MR];
  uint8_t* cr[MR];
  for (size_t i = 0; i < MR; ++i) {
    const size_t r = i < mr ? i : mr - 1;
    ar[i] = a + r * a_stride;
    cr[i] = c + r * c_stride;
  }
  uint32_t row_term[MR];
  for (size_t i = 0; i < MR; ++i) {
    uint32_t sum = 0;
    for (size_t s = 0; s < ks; ++s)
      for (size_t k = 0; k < kc; ++k) sum += ar[i][s * ks_stride + k];
    row_term[i] = sum * static_cast<uint32_t>(p.a_sum_factor);
  }
  const uint8_t flip = static_cast<uint8_t>(p.a_flip);
  const uint8_t* wp = static_cast<const uint8_t*>(w);
  for (size_t j0 = 0; j0 < nc; j0 += NR) {
    int32_t acc[MR][NR];
    int32_t bias[NR];
    std::memcpy(bias, wp, sizeof(bias));
    wp += sizeof(bias);
    for (size_t i = 0; i < MR; ++i)
      for (size_t j = 0; j < NR; ++j) acc[i][j] = static_cast<int32_t>(static_cast<uint32_t>(bias[j]) + row_term[i]);
    for (size_t s = 0; s < ks; ++s)
      for (size_t k = 0; k < kc; k += KR, wp += NR * KR) {
        const int8_t* wk = reinterpret_cast<const int8_t*>(wp);
        for (size_t i = 0; i < MR; ++i)
          for (size_t j = 0; j < NR; ++j) {
            int32_t sum = 0;
            for (size_t r = 0; r < KR && k + r < kc; ++r)
              sum += int32_t{static_cast<uint8_t>(ar[i][s * ks_stride + k + r] ^ flip)} * wk[j * KR + r];
            // Wrapping, like the vector kernels; the true sum fits (checked in prepare).
            acc[i][j] = static_cast<int32_t>(static_cast<uint32_t>(acc[i][j]) + static_cast<uint32_t>(sum));
          }
      }
    float scale[NR];
    std::memcpy(scale, wp, sizeof(scale));
    wp += sizeof(scale);
    const size_t n = nc - j0 < NR ? nc - j0 : NR;
    for (size_t i = 0; i < MR; ++i)
      for (size_t j = 0; j < n; ++j) {
        float v = static_cast<float>(acc[i][j]) * scale[j];
        v = v < p.min ? p.min : (v > p.max ? p.max : v);
        cr[i][j0 + j] = static_cast<uint8_t>(round_even(v) + p.zero_point);
      }
  }
}

}  // namespace tfb
