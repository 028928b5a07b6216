// AVX-512 f32 3 x 3 depthwise convolution: 16 channels at a time, their nine
// weight vectors and bias held in registers while the block sweeps the row,
// so each multiply-add needs one load. Outputs whose taps all lie inside the
// row take the branch-free path; only the last block of a channel count that
// is not a multiple of 16 uses masked loads and stores.
#include <immintrin.h>

#include "kernels/isa/f32_dwconv/f32_dwconv.h"

namespace tfb {
namespace {

template <bool kMasked>
inline __m512 load(__mmask16 m, const float* p) {
  return kMasked ? _mm512_maskz_loadu_ps(m, p) : _mm512_loadu_ps(p);
}

// Channels [c, c + 16) (those of m) of one output row.
template <bool kMasked>
void block(const DwconvRow& g, const float* const* rows, const float* w, float* o, __mmask16 m, const F32MinMax& p) {
  const size_t C = g.channels;
  const size_t step = g.stride * C, dil = g.dilation * C;
  const __m512 vmin = _mm512_set1_ps(p.min), vmax = _mm512_set1_ps(p.max);
  const __m512 bias = _mm512_load_ps(w);
  __m512 wt[9];
#pragma GCC unroll 9
  for (int t = 0; t < 9; ++t) wt[t] = _mm512_load_ps(w + 16 * (t + 1));
  auto finish = [&](__m512 acc, float* dst) {
    acc = _mm512_min_ps(_mm512_max_ps(acc, vmin), vmax);
    if (kMasked)
      _mm512_mask_storeu_ps(dst, m, acc);
    else
      _mm512_storeu_ps(dst, acc);
  };
  // Edge outputs: skip taps outside the row.
  auto edge = [&](size_t x) {
    __m512 acc = bias;
#pragma GCC unroll 3
    for (int kx = 0; kx < 3; ++kx) {
      const size_t ix = x * g.stride + kx * g.dilation;
      if (ix < g.pad_left || ix - g.pad_left >= g.in_w) continue;
      const size_t off = (ix - g.pad_left) * C;
#pragma GCC unroll 3
      for (int ky = 0; ky < 3; ++ky) acc = _mm512_fmadd_ps(load<kMasked>(m, rows[ky] + off), wt[3 * ky + kx], acc);
    }
    finish(acc, o + x * C);
  };
  for (size_t x = 0; x < g.x_begin; ++x) edge(x);
  if (g.x_begin < g.x_end) {
    const size_t first = (g.x_begin * g.stride - g.pad_left) * C;
    const float* a0 = rows[0] + first;
    const float* a1 = rows[1] + first;
    const float* a2 = rows[2] + first;
    float* ox = o + g.x_begin * C;
    for (size_t x = g.x_begin; x < g.x_end; ++x, a0 += step, a1 += step, a2 += step, ox += C) {
      // One chain per filter row, summed at the end.
      __m512 s0 = _mm512_fmadd_ps(load<kMasked>(m, a0), wt[0], bias);
      __m512 s1 = _mm512_mul_ps(load<kMasked>(m, a1), wt[3]);
      __m512 s2 = _mm512_mul_ps(load<kMasked>(m, a2), wt[6]);
      s0 = _mm512_fmadd_ps(load<kMasked>(m, a0 + dil), wt[1], s0);
      s1 = _mm512_fmadd_ps(load<kMasked>(m, a1 + dil), wt[4], s1);
      s2 = _mm512_fmadd_ps(load<kMasked>(m, a2 + dil), wt[7], s2);
      s0 = _mm512_fmadd_ps(load<kMasked>(m, a0 + 2 * dil), wt[2], s0);
      s1 = _mm512_fmadd_ps(load<kMasked>(m, a1 + 2 * dil), wt[5], s1);
      s2 = _mm512_fmadd_ps(load<kMasked>(m, a2 + 2 * dil), wt[8], s2);
      finish(_mm512_add_ps(_mm512_add_ps(s0, s1), s2), ox);
    }
  }
  for (size_t x = g.x_end > g.x_begin ? g.x_end : g.x_begin; x < g.out_w; ++x) edge(x);
}

}  // namespace

void f32_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                    const F32MinMax& p) {
  const size_t C = g.channels;
  size_t c = 0;
  for (; c + 16 <= C; c += 16, w += 16 * 10) {
    const float* r[3] = {rows[0] + c, rows[1] + c, rows[2] + c};
    block<false>(g, r, w, out + c, 0xFFFF, p);
  }
  if (c < C) {
    const float* r[3] = {rows[0] + c, rows[1] + c, rows[2] + c};
    block<true>(g, r, w, out + c, static_cast<__mmask16>((1u << (C - c)) - 1), p);
  }
}

}  // namespace tfb
