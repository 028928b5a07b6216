// AVX2 8-bit GEMM: 2 rows x 8 columns, depth in groups of 8. Activations are
// read signed (int8 as is, uint8 flipped by p.a_flip); each group of 8 bytes
// of a row is widened to int16 in both halves of a ymm register and
// multiplied with vpmaddwd against a pair of columns (8 int16 weights each),
// so each accumulator holds 4 partial sums of 2 columns, reduced with
// horizontal adds after the depth loop. Then XNNPACK's requantization.
#include <immintrin.h>

#include <cstring>

#include "kernels/isa/qs8_gemm/qs8_gemm.h"

namespace tfb {
namespace {

// 8 bytes of p in both halves.
inline __m128i load_group(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return _mm_set1_epi64x(static_cast<int64_t>(v));
}

// The last n < 8 bytes of a segment, zero above (no read past them).
inline __m128i load_partial_group(const uint8_t* p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i) v |= uint64_t{p[i]} << (8 * i);
  return _mm_set1_epi64x(static_cast<int64_t>(v));
}

// Sum of n bytes as unsigned (vpsadbw adds 8 bytes into each 64-bit lane).
inline uint32_t byte_sum(const uint8_t* p, size_t n) {
  __m128i sum = _mm_setzero_si128();
  size_t k = 0;
  for (; k + 16 <= n; k += 16)
    sum =
        _mm_add_epi64(sum, _mm_sad_epu8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k)), _mm_setzero_si128()));
  for (; k + 8 <= n; k += 8)
    sum =
        _mm_add_epi64(sum, _mm_sad_epu8(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p + k)), _mm_setzero_si128()));
  uint32_t total = static_cast<uint32_t>(_mm_cvtsi128_si32(sum) + _mm_extract_epi32(sum, 2));
  for (; k < n; ++k) total += p[k];
  return total;
}

template <int MR>
void gemm(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride, size_t ks_stride,
          const void* packed, uint8_t* c, size_t c_stride, const QS8GemmParams& p) {
  constexpr size_t NR = 8, KR = 8;
  const uint8_t* ar[MR];
  uint8_t* cr[MR];
  for (int i = 0; i < MR; ++i) {
    const size_t r = static_cast<size_t>(i) < mr ? i : mr - 1;
    ar[i] = a + r * a_stride;
    cr[i] = c + r * c_stride;
  }
  int32_t row_term[MR] = {};
  if (p.a_sum_factor != 0)
    for (int i = 0; i < MR; ++i) {
      uint32_t sum = 0;
      for (size_t s = 0; s < ks; ++s) sum += byte_sum(ar[i] + s * ks_stride, kc);
      row_term[i] = static_cast<int32_t>(sum * static_cast<uint32_t>(p.a_sum_factor));
    }
  const __m128i flip = _mm_set1_epi32(static_cast<int32_t>(p.a_flip));
  const __m256 vmin = _mm256_set1_ps(p.min), vmax = _mm256_set1_ps(p.max);
  const __m256i zp = _mm256_set1_epi32(p.zero_point);
  // Column order after the horizontal adds: 0 2 4 6 | 1 3 5 7.
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);
  const __m256i low_bytes = _mm256_setr_epi8(0, 4, 8, 12, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 4, 8, 12,
                                             -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  const uint8_t* w = static_cast<const uint8_t*>(packed);
  for (;;) {
    const __m256i bias = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
    w += NR * 4;
    __m256i acc[MR][4];
    for (int i = 0; i < MR; ++i)
      for (int q = 0; q < 4; ++q) acc[i][q] = _mm256_setzero_si256();
    auto group = [&](const __m256i* x) {
      for (int q = 0; q < 4; ++q) {
        const __m256i wq = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 16 * q)));
        for (int i = 0; i < MR; ++i) acc[i][q] = _mm256_add_epi32(acc[i][q], _mm256_madd_epi16(x[i], wq));
      }
      w += NR * KR;
    };
    for (size_t s = 0; s < ks; ++s) {
      size_t k = 0;
      __m256i x[MR];
      for (; k + KR <= kc; k += KR) {
        for (int i = 0; i < MR; ++i)
          x[i] = _mm256_cvtepi8_epi16(_mm_xor_si128(load_group(ar[i] + s * ks_stride + k), flip));
        group(x);
      }
      if (k < kc) {
        for (int i = 0; i < MR; ++i)
          x[i] = _mm256_cvtepi8_epi16(_mm_xor_si128(load_partial_group(ar[i] + s * ks_stride + k, kc - k), flip));
        group(x);
      }
    }
    const __m256 scale = _mm256_loadu_ps(reinterpret_cast<const float*>(w));
    w += NR * 4;
    const size_t n = nc < NR ? nc : NR;
    for (int i = 0; i < MR; ++i) {
      const __m256i sums =
          _mm256_hadd_epi32(_mm256_hadd_epi32(acc[i][0], acc[i][1]), _mm256_hadd_epi32(acc[i][2], acc[i][3]));
      __m256i v = _mm256_add_epi32(_mm256_permutevar8x32_epi32(sums, order), bias);
      v = _mm256_add_epi32(v, _mm256_set1_epi32(row_term[i]));
      __m256 f = _mm256_mul_ps(_mm256_cvtepi32_ps(v), scale);
      f = _mm256_min_ps(_mm256_max_ps(f, vmin), vmax);
      const __m256i q = _mm256_shuffle_epi8(_mm256_add_epi32(_mm256_cvtps_epi32(f), zp), low_bytes);
      const __m128i bytes = _mm_unpacklo_epi32(_mm256_castsi256_si128(q), _mm256_extracti128_si256(q, 1));
      if (n == NR) {
        _mm_storel_epi64(reinterpret_cast<__m128i*>(cr[i]), bytes);
      } else {
        uint64_t b = static_cast<uint64_t>(_mm_cvtsi128_si64(bytes));
        for (size_t j = 0; j < n; ++j, b >>= 8) cr[i][j] = static_cast<uint8_t>(b);
      }
      cr[i] += n;
    }
    if (nc <= NR) return;
    nc -= NR;
  }
}

}  // namespace

void qs8_gemm_ukernel_2x8c8__avx2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                  size_t ks_stride, const void* w, uint8_t* c, size_t c_stride,
                                  const QS8GemmParams& p) {
  gemm<2>(mr, nc, kc, ks, a, a_stride, ks_stride, w, c, c_stride, p);
}

}  // namespace tfb
