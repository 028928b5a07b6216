// The AVX-512 VNNI 8-bit GEMM tile behind qs8_gemm_<MR>x<NR>c4__avx512vnni.cc:
// MR rows x NR = 16 x NV columns of int32 accumulators; per group of 4
// depths, NV weight vectors (16 columns x 4 bytes) and one broadcast of
// a[i][k..k+3] per row, multiplied by vpdpbusd (unsigned a x signed w, four
// products per lane, wrapping), over accumulators that start at the bias plus
// the row-sum term, then the requantization: to float, times the
// channel scale, clamped, rounded to nearest-even (the default MXCSR mode),
// plus the zero point, truncated to bytes. Included only by __avx512vnni
// files; the anonymous namespace keeps each copy local to its file.
#pragma once

#include <immintrin.h>

#include <cstring>

#include "kernels/isa/qs8_gemm/qs8_gemm.h"

namespace tfb {
namespace {

template <int MR, int NV>
inline void qs8_gemm_avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                size_t ks_stride, const void* packed, uint8_t* c, size_t c_stride,
                                const QS8GemmParams& p) {
  constexpr size_t NR = 16 * NV;
  const uint8_t* ar[MR];
  uint8_t* cr[MR];
#pragma GCC unroll 16
  for (int i = 0; i < MR; ++i) {
    const size_t r = static_cast<size_t>(i) < mr ? i : mr - 1;
    ar[i] = a + r * a_stride;
    cr[i] = c + r * c_stride;
  }
  // Row sums (vpsadbw adds 8 bytes into each 64-bit lane), times the factor.
  int32_t row_term[MR] = {};
  if (p.a_sum_factor != 0) {
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i) {
      __m512i sum = _mm512_setzero_si512();
      for (size_t s = 0; s < ks; ++s) {
        const uint8_t* row = ar[i] + s * ks_stride;
        size_t k = 0;
        for (; k + 64 <= kc; k += 64)
          sum = _mm512_add_epi64(sum, _mm512_sad_epu8(_mm512_loadu_si512(row + k), _mm512_setzero_si512()));
        if (k < kc) {
          const __mmask64 m = (~uint64_t{0}) >> (64 - (kc - k));
          sum = _mm512_add_epi64(sum, _mm512_sad_epu8(_mm512_maskz_loadu_epi8(m, row + k), _mm512_setzero_si512()));
        }
      }
      row_term[i] = static_cast<int32_t>(static_cast<uint32_t>(_mm512_reduce_add_epi64(sum)) *
                                         static_cast<uint32_t>(p.a_sum_factor));
    }
  }
  const uint8_t* w = static_cast<const uint8_t*>(packed);
  const __m512i flip = _mm512_set1_epi32(static_cast<int32_t>(p.a_flip));
  const __m512 vmin = _mm512_set1_ps(p.min), vmax = _mm512_set1_ps(p.max);
  const __m512i zp = _mm512_set1_epi32(p.zero_point);
  for (;;) {
    __m512i acc[MR][NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) {
      const __m512i b = _mm512_loadu_si512(w + 64 * v);
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) acc[i][v] = _mm512_add_epi32(b, _mm512_set1_epi32(row_term[i]));
    }
    w += NR * 4;
    for (size_t s = 0; s < ks; ++s) {
      const uint8_t* as[MR];
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) as[i] = ar[i] + s * ks_stride;
      size_t k = 0;
      for (; k + 4 <= kc; k += 4) {
        __m512i wv[NV];
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) wv[v] = _mm512_loadu_si512(w + 64 * v);
        w += NR * 4;
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) {
          int32_t quad;
          std::memcpy(&quad, as[i] + k, 4);
          const __m512i x = _mm512_xor_si512(_mm512_set1_epi32(quad), flip);
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_dpbusd_epi32(acc[i][v], x, wv[v]);
        }
      }
      if (k < kc) {
        // The last 1-3 depths: read only the segment's own bytes (the
        // weights past kc are zero).
        const __mmask16 tail = static_cast<__mmask16>((1u << (kc - k)) - 1);
        __m512i wv[NV];
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) wv[v] = _mm512_loadu_si512(w + 64 * v);
        w += NR * 4;
#pragma GCC unroll 16
        for (int i = 0; i < MR; ++i) {
          const __m512i x = _mm512_xor_si512(_mm512_broadcastd_epi32(_mm_maskz_loadu_epi8(tail, as[i] + k)), flip);
#pragma GCC unroll 4
          for (int v = 0; v < NV; ++v) acc[i][v] = _mm512_dpbusd_epi32(acc[i][v], x, wv[v]);
        }
      }
    }
    __m512 scale[NV];
#pragma GCC unroll 4
    for (int v = 0; v < NV; ++v) scale[v] = _mm512_loadu_ps(reinterpret_cast<const float*>(w) + 16 * v);
    w += NR * 4;
    __m128i out[MR][NV];
#pragma GCC unroll 16
    for (int i = 0; i < MR; ++i)
#pragma GCC unroll 4
      for (int v = 0; v < NV; ++v) {
        __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc[i][v]), scale[v]);
        f = _mm512_min_ps(_mm512_max_ps(f, vmin), vmax);
        out[i][v] = _mm512_cvtepi32_epi8(_mm512_add_epi32(_mm512_cvtps_epi32(f), zp));
      }
    if (nc >= NR) {
#pragma GCC unroll 16
      for (int i = 0; i < MR; ++i) {
#pragma GCC unroll 4
        for (int v = 0; v < NV; ++v) _mm_storeu_si128(reinterpret_cast<__m128i*>(cr[i] + 16 * v), out[i][v]);
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
        for (int i = 0; i < MR; ++i) _mm_mask_storeu_epi8(cr[i] + 16 * v, m, out[i][v]);
      }
      return;
    }
  }
}

}  // namespace
}  // namespace tfb
