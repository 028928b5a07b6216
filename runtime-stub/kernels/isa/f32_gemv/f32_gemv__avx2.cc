// Four rows at a time, 8 floats per FMA, the depth's tail by masked loads.
#include <immintrin.h>

#include "kernels/isa/f32_gemv/f32_gemv.h"

namespace tfb {
namespace {

float sum8(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)));
}

template <size_t R>
void rows_of(size_t depth, const float* w, const float* x, const float* bias, float* out, const F32MinMax& p) {
  __m256 acc[R];
  for (size_t r = 0; r < R; ++r) acc[r] = _mm256_setzero_ps();
  size_t k = 0;
  for (; k + 8 <= depth; k += 8) {
    const __m256 xv = _mm256_loadu_ps(x + k);
    for (size_t r = 0; r < R; ++r) acc[r] = _mm256_fmadd_ps(_mm256_loadu_ps(w + r * depth + k), xv, acc[r]);
  }
  if (k < depth) {
    // Lane i is loaded when i < depth - k: the sign bit of (i - left) is set.
    const int left = static_cast<int>(depth - k);
    const __m256i tail = _mm256_sub_epi32(_mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), _mm256_set1_epi32(left));
    const __m256 xv = _mm256_maskload_ps(x + k, tail);
    for (size_t r = 0; r < R; ++r) acc[r] = _mm256_fmadd_ps(_mm256_maskload_ps(w + r * depth + k, tail), xv, acc[r]);
  }
  for (size_t r = 0; r < R; ++r) {
    const __m128 v = _mm_set_ss((bias ? bias[r] : 0.f) + sum8(acc[r]));
    out[r] = _mm_cvtss_f32(_mm_min_ss(_mm_max_ss(v, _mm_set_ss(p.min)), _mm_set_ss(p.max)));
  }
}

}  // namespace

void f32_gemv_ukernel__avx2(size_t rows, size_t depth, const float* w, const float* x, const float* bias, float* out,
                            const F32MinMax& p) {
  size_t j = 0;
  for (; j + 4 <= rows; j += 4) rows_of<4>(depth, w + j * depth, x, bias ? bias + j : nullptr, out + j, p);
  for (; j < rows; ++j) rows_of<1>(depth, w + j * depth, x, bias ? bias + j : nullptr, out + j, p);
}

}  // namespace tfb
