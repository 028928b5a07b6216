// AVX2 + FMA f32 GEMM: 6 rows x 16 columns (two ymm) of accumulators, 12 of
// the 16 ymm registers; per k, two weight vectors and one broadcast per row.
#include <immintrin.h>

#include "kernels/isa/f32_gemm/f32_gemm.h"

namespace tfb {
namespace {

// Lanes [0, n) set, for n in [0, 8].
inline __m256i lane_mask(size_t n) {
  static const int32_t kOnes[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kOnes + 8 - n));
}

template <int MR, int NV>
inline void gemm(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride, size_t ks_stride,
                 const float* w, float* c, size_t c_stride, const F32MinMax& p) {
  constexpr size_t NR = 8 * NV;
  const float* ar[MR];
  float* cr[MR];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) {
    const size_t r = static_cast<size_t>(i) < mr ? i : mr - 1;
    ar[i] = a + r * a_stride;
    cr[i] = c + r * c_stride;
  }
  const __m256 vmin = _mm256_set1_ps(p.min), vmax = _mm256_set1_ps(p.max);
  for (;;) {
    __m256 acc[MR][NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __m256 b = _mm256_load_ps(w + 8 * v);
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) acc[i][v] = b;
    }
    w += NR;
    for (size_t s = 0; s < ks; ++s) {
      const float* as[MR];
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) as[i] = ar[i] + s * ks_stride;
      for (size_t k = 0; k < kc; ++k) {
        __m256 wv[NV];
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) wv[v] = _mm256_load_ps(w + 8 * v);
        w += NR;
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) {
          const __m256 x = _mm256_broadcast_ss(as[i] + k);
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) acc[i][v] = _mm256_fmadd_ps(x, wv[v], acc[i][v]);
        }
      }
    }
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = _mm256_min_ps(_mm256_max_ps(acc[i][v], vmin), vmax);
    if (nc >= NR) {
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) _mm256_storeu_ps(cr[i] + 8 * v, acc[i][v]);
        cr[i] += NR;
      }
      nc -= NR;
      if (nc == 0) return;
    } else {
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        const size_t left = nc > 8 * static_cast<size_t>(v) ? nc - 8 * v : 0;
        const __m256i m = lane_mask(left < 8 ? left : 8);
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) _mm256_maskstore_ps(cr[i] + 8 * v, m, acc[i][v]);
      }
      return;
    }
  }
}

}  // namespace

void f32_gemm_ukernel_6x16__avx2(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                 size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p) {
  gemm<6, 2>(mr, nc, kc, ks, a, a_stride, ks_stride, w, c, c_stride, p);
}

}  // namespace tfb
