// AVX-512 f32 3 x 3 depthwise convolution: 16 channels at a time, their nine
// weight vectors and bias held in registers while the block sweeps the row,
// so each multiply-add needs one load. Outputs whose taps all lie inside the
// row take the branch-free path.
#include <immintrin.h>

#include "kernels/isa/f32_dwconv/f32_dwconv.h"

namespace tfb {

void f32_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                    const F32MinMax& p) {
  const size_t C = g.channels;
  const size_t step = g.stride * C, dil = g.dilation * C;
  const __m512 vmin = _mm512_set1_ps(p.min), vmax = _mm512_set1_ps(p.max);
  for (size_t c = 0; c < C; c += 16, w += 16 * 10) {
    const __mmask16 m = static_cast<__mmask16>(C - c >= 16 ? 0xFFFF : (1u << (C - c)) - 1);
    const __m512 bias = _mm512_load_ps(w);
    __m512 wt[9];
#pragma GCC unroll 9
    for (int t = 0; t < 9; ++t) wt[t] = _mm512_load_ps(w + 16 * (t + 1));
    const float* r0 = rows[0] + c;
    const float* r1 = rows[1] + c;
    const float* r2 = rows[2] + c;
    float* o = out + c;
    // Edge outputs: skip taps outside the row.
    auto edge = [&](size_t x) {
      __m512 acc = bias;
#pragma GCC unroll 3
      for (int kx = 0; kx < 3; ++kx) {
        const size_t ix = x * g.stride + kx * g.dilation;
        if (ix < g.pad_left || ix - g.pad_left >= g.in_w) continue;
        const size_t off = (ix - g.pad_left) * C;
        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, r0 + off), wt[kx], acc);
        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, r1 + off), wt[3 + kx], acc);
        acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, r2 + off), wt[6 + kx], acc);
      }
      acc = _mm512_min_ps(_mm512_max_ps(acc, vmin), vmax);
      _mm512_mask_storeu_ps(o + x * C, m, acc);
    };
    for (size_t x = 0; x < g.x_begin; ++x) edge(x);
    if (g.x_begin < g.x_end) {
      const size_t first = g.x_begin * g.stride - g.pad_left;
      const float* a0 = r0 + first * C;
      const float* a1 = r1 + first * C;
      const float* a2 = r2 + first * C;
      float* ox = o + g.x_begin * C;
      for (size_t x = g.x_begin; x < g.x_end; ++x, a0 += step, a1 += step, a2 += step, ox += C) {
        // One chain per filter row, summed at the end.
        __m512 s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a0), wt[0], bias);
        __m512 s1 = _mm512_mul_ps(_mm512_maskz_loadu_ps(m, a1), wt[3]);
        __m512 s2 = _mm512_mul_ps(_mm512_maskz_loadu_ps(m, a2), wt[6]);
        s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a0 + dil), wt[1], s0);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a1 + dil), wt[4], s1);
        s2 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a2 + dil), wt[7], s2);
        s0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a0 + 2 * dil), wt[2], s0);
        s1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a1 + 2 * dil), wt[5], s1);
        s2 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, a2 + 2 * dil), wt[8], s2);
        __m512 acc = _mm512_add_ps(_mm512_add_ps(s0, s1), s2);
        acc = _mm512_min_ps(_mm512_max_ps(acc, vmin), vmax);
        _mm512_mask_storeu_ps(ox, m, acc);
      }
    }
    for (size_t x = g.x_end > g.x_begin ? g.x_end : g.x_begin; x < g.out_w; ++x) edge(x);
  }
}

}  // namespace tfb
