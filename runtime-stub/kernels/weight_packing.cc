#include "kernels/weight_packing.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace tfb {

// Each packer zeroes only the blocks that hold padding (a partial last block,
// depth padding, a missing bias); the others it writes whole. The output may
// be reused, so it cannot count on zeroed memory.

size_t f32_gemm_packed_size(size_t nr, size_t n, size_t k) { return (n + nr - 1) / nr * nr * (k + 1); }

void pack_f32_gemm_weights(size_t nr, size_t n, size_t k, const float* w, size_t n_stride, size_t k_stride,
                           const float* bias, float* out) {
  for (size_t j0 = 0; j0 < n; j0 += nr) {
    const size_t cols = std::min(nr, n - j0);
    float* block = out + j0 * (k + 1);
    if (cols < nr || !bias) std::fill(block, block + nr * (k + 1), 0.f);
    if (bias) std::copy(bias + j0, bias + j0 + cols, block);
    for (size_t j = 0; j < cols; ++j)
      for (size_t p = 0; p < k; ++p) block[nr + p * nr + j] = w[(j0 + j) * n_stride + p * k_stride];
  }
}

size_t qs8_gemm_packed_size(size_t nr, size_t kr, size_t n, size_t ks, size_t kc) {
  return (n + nr - 1) / nr * nr * (8 + ks * ((kc + kr - 1) / kr * kr));
}

namespace {

// One column's kc contiguous depths as the kernel's int8 W = w - delta, into
// its groups of KR bytes, group_stride apart. Converting the row first (one
// vectorized pass) leaves whole-group copies for the scatter. W fits int8, so
// byte arithmetic (mod 256) gives it exactly.
template <size_t KR>
void pack_qs8_column(const QuantFilter& src, size_t kc, int32_t delta, size_t group_stride, uint8_t* row, int8_t* dst) {
  // Locals, so the byte stores cannot alias them and the loop vectorizes.
  const uint8_t* data = src.data;
  const uint8_t flip = src.flip, sub = static_cast<uint8_t>(src.offset + delta);
  for (size_t p = 0; p < kc; ++p) row[p] = static_cast<uint8_t>((data[p] ^ flip) - sub);
  size_t q = 0;
  for (; q + KR <= kc; q += KR, dst += group_stride) std::memcpy(dst, row + q, KR);
  std::memcpy(dst, row + q, kc - q);
}

}  // namespace

void pack_qs8_gemm_weights(size_t nr, size_t kr, size_t n, size_t ks, size_t kc, const QuantFilter& w, size_t n_stride,
                           size_t k_stride, int32_t delta, const int32_t* bias, const float* scale, uint8_t* out) {
  const size_t kcp = (kc + kr - 1) / kr * kr;
  const bool rows = k_stride == 1 && (kr == 4 || kr == 8);  // the kernels' group sizes
  std::vector<uint8_t> row(rows ? kc : 0);
  for (size_t j0 = 0; j0 < n; j0 += nr) {
    const size_t cols = std::min(nr, n - j0);
    uint8_t* block = out + j0 * (8 + ks * kcp);
    if (cols < nr || kcp != kc) std::fill(block, block + nr * (8 + ks * kcp), uint8_t{0});
    std::memcpy(block, bias + j0, cols * sizeof(int32_t));
    int8_t* weights = reinterpret_cast<int8_t*>(block + nr * sizeof(int32_t));
    for (size_t j = 0; j < cols; ++j)
      for (size_t s = 0; s < ks; ++s) {
        // Group q / kr of segment s starts at (s * kcp + q) * nr.
        const QuantFilter src = w.from((j0 + j) * n_stride + s * kc * k_stride);
        int8_t* dst = weights + s * kcp * nr + j * kr;
        if (rows) {
          (kr == 4 ? pack_qs8_column<4> : pack_qs8_column<8>)(src, kc, delta, nr * kr, row.data(), dst);
          continue;
        }
        for (size_t q = 0; q < kc; q += kr)
          for (size_t r = 0; r < kr && q + r < kc; ++r) dst[q * nr + r] = static_cast<int8_t>(src[(q + r) * k_stride] - delta);
      }
    std::memcpy(block + nr * (4 + ks * kcp), scale + j0, cols * sizeof(float));
  }
}

size_t f32_dwconv_packed_size(size_t cb, size_t channels, size_t taps) {
  return (channels + cb - 1) / cb * cb * (taps + 1);
}

void pack_f32_dwconv_weights(size_t cb, size_t channels, size_t taps, const float* filter, const float* bias,
                             float* out) {
  for (size_t c0 = 0; c0 < channels; c0 += cb) {
    const size_t n = std::min(cb, channels - c0);
    float* block = out + c0 * (taps + 1);
    if (n < cb || !bias) std::fill(block, block + cb * (taps + 1), 0.f);
    if (bias) std::copy(bias + c0, bias + c0 + n, block);
    for (size_t t = 0; t < taps; ++t)
      std::copy(filter + t * channels + c0, filter + t * channels + c0 + n, block + (t + 1) * cb);
  }
}

size_t qs8_dwconv_packed_size(size_t cb, size_t channels, size_t taps) {
  return (channels + cb - 1) / cb * cb * 4 * (taps + 2);
}

void pack_qs8_dwconv_weights(size_t cb, size_t channels, size_t taps, const QuantFilter& w, const int32_t* bias,
                             const float* scale, uint8_t* out) {
  for (size_t c0 = 0; c0 < channels; c0 += cb) {
    const size_t n = std::min(cb, channels - c0);
    uint8_t* block = out + c0 * 4 * (taps + 2);
    if (n < cb) std::fill(block, block + cb * 4 * (taps + 2), uint8_t{0});
    std::memcpy(block, bias + c0, n * sizeof(int32_t));
    uint32_t* lanes = reinterpret_cast<uint32_t*>(block + cb * 4);
    for (size_t t = 0; t < taps; ++t)
      for (size_t c = 0; c < n; ++c) lanes[t * cb + c] = static_cast<uint16_t>(w[t * channels + c0 + c]);
    std::memcpy(block + cb * 4 * (taps + 1), scale + c0, n * sizeof(float));
  }
}

}  // namespace tfb
