// AVX2 f32 3 x 3 depthwise convolution: 8 channels at a time, their nine
// weight vectors and bias held in registers while the block sweeps the row.
// Outputs whose taps all lie inside the row take the branch-free path; the
// last block of a channel count that is not a multiple of 8 uses masked
// loads and stores.
#include <immintrin.h>

#include "kernels/isa/f32_dwconv/f32_dwconv.h"

namespace tfb {
namespace {

// Lanes [0, n) set, for n in [0, 8].
inline __m256i lane_mask(size_t n) {
  static const int32_t kOnes[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kOnes + 8 - n));
}

template <bool kMasked>
struct Lanes {
  __m256i mask;
  __m256 load(const float* p) const { return kMasked ? _mm256_maskload_ps(p, mask) : _mm256_loadu_ps(p); }
  void store(float* p, __m256 v) const {
    if (kMasked)
      _mm256_maskstore_ps(p, mask, v);
    else
      _mm256_storeu_ps(p, v);
  }
};

template <bool kMasked>
void block(const DwconvRow& g, const float* r0, const float* r1, const float* r2, const float* w, float* o,
           Lanes<kMasked> lanes, const F32MinMax& p) {
  const size_t C = g.channels;
  const size_t step = g.stride * C, dil = g.dilation * C;
  const __m256 vmin = _mm256_set1_ps(p.min), vmax = _mm256_set1_ps(p.max);
  const __m256 bias = _mm256_load_ps(w);
  __m256 wt[9];
#pragma GCC unroll 9
  for (int t = 0; t < 9; ++t) wt[t] = _mm256_load_ps(w + 8 * (t + 1));
  // Edge outputs: skip taps outside the row.
  auto edge = [&](size_t x) {
    __m256 acc = bias;
#pragma GCC unroll 3
    for (int kx = 0; kx < 3; ++kx) {
      const size_t ix = x * g.stride + kx * g.dilation;
      if (ix < g.pad_left || ix - g.pad_left >= g.in_w) continue;
      const size_t off = (ix - g.pad_left) * C;
      acc = _mm256_fmadd_ps(lanes.load(r0 + off), wt[kx], acc);
      acc = _mm256_fmadd_ps(lanes.load(r1 + off), wt[3 + kx], acc);
      acc = _mm256_fmadd_ps(lanes.load(r2 + off), wt[6 + kx], acc);
    }
    lanes.store(o + x * C, _mm256_min_ps(_mm256_max_ps(acc, vmin), vmax));
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
      __m256 s0 = _mm256_fmadd_ps(lanes.load(a0), wt[0], bias);
      __m256 s1 = _mm256_mul_ps(lanes.load(a1), wt[3]);
      __m256 s2 = _mm256_mul_ps(lanes.load(a2), wt[6]);
      s0 = _mm256_fmadd_ps(lanes.load(a0 + dil), wt[1], s0);
      s1 = _mm256_fmadd_ps(lanes.load(a1 + dil), wt[4], s1);
      s2 = _mm256_fmadd_ps(lanes.load(a2 + dil), wt[7], s2);
      s0 = _mm256_fmadd_ps(lanes.load(a0 + 2 * dil), wt[2], s0);
      s1 = _mm256_fmadd_ps(lanes.load(a1 + 2 * dil), wt[5], s1);
      s2 = _mm256_fmadd_ps(lanes.load(a2 + 2 * dil), wt[8], s2);
      const __m256 acc = _mm256_add_ps(_mm256_add_ps(s0, s1), s2);
      lanes.store(ox, _mm256_min_ps(_mm256_max_ps(acc, vmin), vmax));
    }
  }
  for (size_t x = g.x_end > g.x_begin ? g.x_end : g.x_begin; x < g.out_w; ++x) edge(x);
}

}  // namespace

void f32_dwconv_ukernel_3x3__avx2(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                  const F32MinMax& p) {
  const size_t C = g.channels;
  size_t c = 0;
  for (; c + 8 <= C; c += 8, w += 8 * 10)
    block(g, rows[0] + c, rows[1] + c, rows[2] + c, w, out + c, Lanes<false>{}, p);
  if (c < C) block(g, rows[0] + c, rows[1] + c, rows[2] + c, w, out + c, Lanes<true>{lane_mask(C - c)}, p);
}

}  // namespace tfb
