// AVX-512 8-bit 3 x 3 depthwise convolution: 16 channels at a time, their
// nine weight vectors, bias and scales held in registers while the block
// sweeps the row. Each tap widens 16 input bytes to int32 lanes and
// multiplies with vpmaddwd (the weights' high 16 bits are zero, so the odd
// products vanish). Outputs whose taps all lie inside the row take the
// branch-free path.
#include <immintrin.h>

#include "kernels/isa/qs8_dwconv/qs8_dwconv.h"

namespace tfb {
namespace {

template <bool kSigned>
inline __m512i widen(__mmask16 m, const uint8_t* p) {
  const __m128i bytes = _mm_maskz_loadu_epi8(m, p);
  return kSigned ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
}

template <bool kSigned>
void dwconv(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* packed, uint8_t* out,
            const QS8DwconvParams& p) {
  const size_t C = g.channels;
  const size_t step = g.stride * C, dil = g.dilation * C;
  const __m512 vmin = _mm512_set1_ps(p.min), vmax = _mm512_set1_ps(p.max);
  const __m512i zp = _mm512_set1_epi32(p.zero_point);
  const uint8_t* w = static_cast<const uint8_t*>(packed);
  for (size_t c = 0; c < C; c += 16, w += 64 * 11) {
    const __mmask16 m = static_cast<__mmask16>(C - c >= 16 ? 0xFFFF : (1u << (C - c)) - 1);
    const __m512i bias = _mm512_loadu_si512(w);
    __m512i wt[9];
#pragma GCC unroll 9
    for (int t = 0; t < 9; ++t) wt[t] = _mm512_loadu_si512(w + 64 * (t + 1));
    const __m512 scale = _mm512_loadu_ps(w + 64 * 10);
    const uint8_t* r[3] = {rows[0] + c, rows[1] + c, rows[2] + c};
    uint8_t* o = out + c;
    auto finish = [&](__m512i acc, uint8_t* dst) {
      __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), scale);
      f = _mm512_min_ps(_mm512_max_ps(f, vmin), vmax);
      _mm_mask_storeu_epi8(dst, m, _mm512_cvtepi32_epi8(_mm512_add_epi32(_mm512_cvtps_epi32(f), zp)));
    };
    // Edge outputs: columns outside the row read zero points.
    auto edge = [&](size_t x) {
      __m512i acc = bias;
#pragma GCC unroll 3
      for (int kx = 0; kx < 3; ++kx) {
        const size_t ix = x * g.stride + kx * g.dilation;
        const bool inside = ix >= g.pad_left && ix - g.pad_left < g.in_w;
#pragma GCC unroll 3
        for (int ky = 0; ky < 3; ++ky) {
          const uint8_t* src = inside ? r[ky] + (ix - g.pad_left) * C : zero + c;
          acc = _mm512_add_epi32(acc, _mm512_madd_epi16(widen<kSigned>(m, src), wt[3 * ky + kx]));
        }
      }
      finish(acc, o + x * C);
    };
    for (size_t x = 0; x < g.x_begin; ++x) edge(x);
    if (g.x_begin < g.x_end) {
      const size_t first = (g.x_begin * g.stride - g.pad_left) * C;
      const uint8_t* a0 = r[0] + first;
      const uint8_t* a1 = r[1] + first;
      const uint8_t* a2 = r[2] + first;
      uint8_t* ox = o + g.x_begin * C;
      for (size_t x = g.x_begin; x < g.x_end; ++x, a0 += step, a1 += step, a2 += step, ox += C) {
        // One chain per filter row, summed at the end.
        __m512i s0 = _mm512_add_epi32(bias, _mm512_madd_epi16(widen<kSigned>(m, a0), wt[0]));
        __m512i s1 = _mm512_madd_epi16(widen<kSigned>(m, a1), wt[3]);
        __m512i s2 = _mm512_madd_epi16(widen<kSigned>(m, a2), wt[6]);
        s0 = _mm512_add_epi32(s0, _mm512_madd_epi16(widen<kSigned>(m, a0 + dil), wt[1]));
        s1 = _mm512_add_epi32(s1, _mm512_madd_epi16(widen<kSigned>(m, a1 + dil), wt[4]));
        s2 = _mm512_add_epi32(s2, _mm512_madd_epi16(widen<kSigned>(m, a2 + dil), wt[7]));
        s0 = _mm512_add_epi32(s0, _mm512_madd_epi16(widen<kSigned>(m, a0 + 2 * dil), wt[2]));
        s1 = _mm512_add_epi32(s1, _mm512_madd_epi16(widen<kSigned>(m, a1 + 2 * dil), wt[5]));
        s2 = _mm512_add_epi32(s2, _mm512_madd_epi16(widen<kSigned>(m, a2 + 2 * dil), wt[8]));
        finish(_mm512_add_epi32(_mm512_add_epi32(s0, s1), s2), ox);
      }
    }
    for (size_t x = g.x_end > g.x_begin ? g.x_end : g.x_begin; x < g.out_w; ++x) edge(x);
  }
}

}  // namespace

void qs8_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                    uint8_t* out, const QS8DwconvParams& p) {
  dwconv<true>(g, rows, zero, w, out, p);
}

void qu8_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                    uint8_t* out, const QS8DwconvParams& p) {
  dwconv<false>(g, rows, zero, w, out, p);
}

}  // namespace tfb
