// AVX-512 8-bit 3 x 3 depthwise convolution: 16 channels at a time, their
// nine weight vectors, bias and scales held in registers while the block
// sweeps the row. Each tap widens 16 input bytes to int32 lanes and
// multiplies with vpmaddwd (the weights' high 16 bits are zero, so the odd
// products vanish). Outputs whose taps all lie inside the row take the
// branch-free path; only the last block of a channel count that is not a
// multiple of 16 uses masked loads and stores.
#include <immintrin.h>

#include "kernels/isa/qs8_dwconv/qs8_dwconv.h"

namespace tfb {
namespace {

// 16 input bytes widened to int32 lanes; the last block of a channel count
// that is not a multiple of 16 reads only its own bytes (kMasked).
template <bool kSigned, bool kMasked>
inline __m512i widen(__mmask16 m, const uint8_t* p) {
  const __m128i bytes = kMasked ? _mm_maskz_loadu_epi8(m, p) : _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return kSigned ? _mm512_cvtepi8_epi32(bytes) : _mm512_cvtepu8_epi32(bytes);
}

// Channels [c, c + 16) (those of m) of one output row.
template <bool kSigned, bool kMasked>
void block(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const uint8_t* w, uint8_t* o,
           __mmask16 m, const QS8DwconvParams& p) {
  const size_t C = g.channels;
  const size_t step = g.stride * C, dil = g.dilation * C;
  const __m512 vmin = _mm512_set1_ps(p.min), vmax = _mm512_set1_ps(p.max);
  const __m512i zp = _mm512_set1_epi32(p.zero_point);
  const __m512i bias = _mm512_loadu_si512(w);
  __m512i wt[9];
#pragma GCC unroll 9
  for (int t = 0; t < 9; ++t) wt[t] = _mm512_loadu_si512(w + 64 * (t + 1));
  const __m512 scale = _mm512_loadu_ps(w + 64 * 10);
  auto finish = [&](__m512i acc, uint8_t* dst) {
    __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), scale);
    f = _mm512_min_ps(_mm512_max_ps(f, vmin), vmax);
    const __m128i bytes = _mm512_cvtepi32_epi8(_mm512_add_epi32(_mm512_cvtps_epi32(f), zp));
    if (kMasked)
      _mm_mask_storeu_epi8(dst, m, bytes);
    else
      _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), bytes);
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
        const uint8_t* src = inside ? rows[ky] + (ix - g.pad_left) * C : zero;
        acc = _mm512_add_epi32(acc, _mm512_madd_epi16(widen<kSigned, kMasked>(m, src), wt[3 * ky + kx]));
      }
    }
    finish(acc, o + x * C);
  };
  for (size_t x = 0; x < g.x_begin; ++x) edge(x);
  if (g.x_begin < g.x_end) {
    const size_t first = (g.x_begin * g.stride - g.pad_left) * C;
    const uint8_t* a0 = rows[0] + first;
    const uint8_t* a1 = rows[1] + first;
    const uint8_t* a2 = rows[2] + first;
    uint8_t* ox = o + g.x_begin * C;
    for (size_t x = g.x_begin; x < g.x_end; ++x, a0 += step, a1 += step, a2 += step, ox += C) {
      // One chain per filter row, summed at the end.
      __m512i s0 = _mm512_add_epi32(bias, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a0), wt[0]));
      __m512i s1 = _mm512_madd_epi16(widen<kSigned, kMasked>(m, a1), wt[3]);
      __m512i s2 = _mm512_madd_epi16(widen<kSigned, kMasked>(m, a2), wt[6]);
      s0 = _mm512_add_epi32(s0, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a0 + dil), wt[1]));
      s1 = _mm512_add_epi32(s1, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a1 + dil), wt[4]));
      s2 = _mm512_add_epi32(s2, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a2 + dil), wt[7]));
      s0 = _mm512_add_epi32(s0, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a0 + 2 * dil), wt[2]));
      s1 = _mm512_add_epi32(s1, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a1 + 2 * dil), wt[5]));
      s2 = _mm512_add_epi32(s2, _mm512_madd_epi16(widen<kSigned, kMasked>(m, a2 + 2 * dil), wt[8]));
      finish(_mm512_add_epi32(_mm512_add_epi32(s0, s1), s2), ox);
    }
  }
  for (size_t x = g.x_end > g.x_begin ? g.x_end : g.x_begin; x < g.out_w; ++x) edge(x);
}

template <bool kSigned>
void dwconv(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* packed, uint8_t* out,
            const QS8DwconvParams& p) {
  const size_t C = g.channels;
  const uint8_t* w = static_cast<const uint8_t*>(packed);
  size_t c = 0;
  for (; c + 16 <= C; c += 16, w += 64 * 11) {
    const uint8_t* r[3] = {rows[0] + c, rows[1] + c, rows[2] + c};
    block<kSigned, false>(g, r, zero + c, w, out + c, 0xFFFF, p);
  }
  if (c < C) {
    const uint8_t* r[3] = {rows[0] + c, rows[1] + c, rows[2] + c};
    block<kSigned, true>(g, r, zero + c, w, out + c, static_cast<__mmask16>((1u << (C - c)) - 1), p);
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
