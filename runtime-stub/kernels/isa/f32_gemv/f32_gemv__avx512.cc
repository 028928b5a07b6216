// Four rows at a time, 16 floats per FMA, the depth's tail by masked loads.
#include <immintrin.h>

#include "kernels/isa/f32_gemv/f32_gemv.h"

namespace tfb {
namespace {

template <size_t R>
void rows_of(size_t depth, const float* w, const float* x, const float* bias, float* out, const F32MinMax& p) {
  __m512 acc[R];
  for (size_t r = 0; r < R; ++r) acc[r] = _mm512_setzero_ps();
  size_t k = 0;
  for (; k + 16 <= depth; k += 16) {
    const __m512 xv = _mm512_loadu_ps(x + k);
    for (size_t r = 0; r < R; ++r) acc[r] = _mm512_fmadd_ps(_mm512_loadu_ps(w + r * depth + k), xv, acc[r]);
  }
  if (k < depth) {
    const __mmask16 tail = static_cast<__mmask16>((1u << (depth - k)) - 1);
    const __m512 xv = _mm512_maskz_loadu_ps(tail, x + k);
    for (size_t r = 0; r < R; ++r) acc[r] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(tail, w + r * depth + k), xv, acc[r]);
  }
  for (size_t r = 0; r < R; ++r) {
    const __m128 v = _mm_set_ss((bias ? bias[r] : 0.f) + _mm512_reduce_add_ps(acc[r]));
    out[r] = _mm_cvtss_f32(_mm_min_ss(_mm_max_ss(v, _mm_set_ss(p.min)), _mm_set_ss(p.max)));
  }
}

}  // namespace

void f32_gemv_ukernel__avx512(size_t rows, size_t depth, const float* w, const float* x, const float* bias, float* out,
                              const F32MinMax& p) {
  size_t j = 0;
  for (; j + 4 <= rows; j += 4) rows_of<4>(depth, w + j * depth, x, bias ? bias + j : nullptr, out + j, p);
  for (; j < rows; ++j) rows_of<1>(depth, w + j * depth, x, bias ? bias + j : nullptr, out + j, p);
}

}  // namespace tfb
