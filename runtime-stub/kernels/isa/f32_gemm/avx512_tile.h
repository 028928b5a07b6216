// The AVX-512 f32 GEMM tile behind f32_gemm_<MR>x<NR>__avx512.cc: MR rows x
// NR = 16 x NV columns of accumulators in zmm registers; per k, NV weight
// vectors and one broadcast of a[i][k] per row. Included only by __avx512
// files; the anonymous namespace keeps each copy local to its file, so the
// linker never merges it with code built for another ISA.
#pragma once

#include <immintrin.h>

#include "kernels/isa/f32_gemm/f32_gemm.h"

namespace tfb {
namespace {

template <int MR, int NV>
inline void f32_gemm_avx512(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                            size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p) {
  constexpr size_t NR = 16 * NV;
  // Rows past mr alias the last real row: computed, and stored over it with
  // the same values.
  const float* ar[MR];
  float* cr[MR];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) {
    const size_t r = static_cast<size_t>(i) < mr ? i : mr - 1;
    ar[i] = a + r * a_stride;
    cr[i] = c + r * c_stride;
  }
  const __m512 vmin = _mm512_set1_ps(p.min), vmax = _mm512_set1_ps(p.max);
  for (;;) {
    __m512 acc[MR][NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __m512 b = _mm512_load_ps(w + 16 * v);
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) acc[i][v] = b;
    }
    w += NR;
    for (size_t s = 0; s < ks; ++s) {
      const float* as[MR];
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) as[i] = ar[i] + s * ks_stride;
      for (size_t k = 0; k < kc; ++k) {
        __m512 wv[NV];
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) wv[v] = _mm512_load_ps(w + 16 * v);
        w += NR;
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) {
          const __m512 x = _mm512_set1_ps(as[i][k]);
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_fmadd_ps(x, wv[v], acc[i][v]);
        }
      }
    }
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_min_ps(_mm512_max_ps(acc[i][v], vmin), vmax);
    if (nc >= NR) {
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) _mm512_storeu_ps(cr[i] + 16 * v, acc[i][v]);
        cr[i] += NR;
      }
      nc -= NR;
      if (nc == 0) return;
    } else {
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        const size_t left = nc > 16 * static_cast<size_t>(v) ? nc - 16 * v : 0;
        const __mmask16 m = static_cast<__mmask16>(left >= 16 ? 0xFFFF : (1u << left) - 1);
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) _mm512_mask_storeu_ps(cr[i] + 16 * v, m, acc[i][v]);
      }
      return;
    }
  }
}

}  // namespace
}  // namespace tfb
