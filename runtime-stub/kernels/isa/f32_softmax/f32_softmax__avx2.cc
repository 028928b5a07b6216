#include <immintrin.h>

#include <cstdint>

#include "kernels/isa/f32_softmax/f32_softmax.h"

namespace tfb {
namespace {

using namespace softmax_exp;

__m256 exp_nonpositive(__m256 x) {
  const __m256 tiny = _mm256_cmp_ps(x, _mm256_set1_ps(kMinInput), _CMP_LT_OQ);
  const __m256 n =
      _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(kLog2e)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Hi), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(kLn2Lo), r);
  __m256 p = _mm256_set1_ps(kC0);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC1));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC2));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC3));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC4));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(kC5));
  p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r);
  p = _mm256_add_ps(p, _mm256_set1_ps(1.f));
  // 2^n from its exponent bits; n >= -126 wherever the result is kept.
  const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_andnot_ps(tiny, _mm256_mul_ps(p, _mm256_castsi256_ps(bits)));
}

float reduce_max(__m256 v) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  return _mm_cvtss_f32(_mm_max_ss(m, _mm_shuffle_ps(m, m, 1)));
}

float reduce_add(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  return _mm_cvtss_f32(_mm_add_ss(s, _mm_shuffle_ps(s, s, 1)));
}

}  // namespace

void f32_softmax_ukernel__avx2(const float* in, float* out, size_t rows, size_t depth, float beta) {
  const size_t full = depth / 8 * 8;
  alignas(32) int32_t lanes[8];
  for (size_t l = 0; l < 8; ++l) lanes[l] = l < depth - full ? -1 : 0;
  const __m256i tail = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes));
  const bool has_tail = full < depth;
  for (size_t row = 0; row < rows; ++row, in += depth, out += depth) {
    __m256 vmax = _mm256_set1_ps(-__builtin_inff());
    for (size_t i = 0; i < full; i += 8) vmax = _mm256_max_ps(vmax, _mm256_loadu_ps(in + i));
    if (has_tail)
      vmax =
          _mm256_max_ps(vmax, _mm256_blendv_ps(vmax, _mm256_maskload_ps(in + full, tail), _mm256_castsi256_ps(tail)));
    const __m256 vbeta = _mm256_set1_ps(beta), shift = _mm256_set1_ps(reduce_max(vmax));
    __m256 vsum = _mm256_setzero_ps();
    for (size_t i = 0; i < full; i += 8) {
      const __m256 e = exp_nonpositive(_mm256_mul_ps(_mm256_sub_ps(_mm256_loadu_ps(in + i), shift), vbeta));
      _mm256_storeu_ps(out + i, e);
      vsum = _mm256_add_ps(vsum, e);
    }
    if (has_tail) {
      const __m256 x = _mm256_maskload_ps(in + full, tail);
      const __m256 e =
          _mm256_and_ps(exp_nonpositive(_mm256_mul_ps(_mm256_sub_ps(x, shift), vbeta)), _mm256_castsi256_ps(tail));
      _mm256_maskstore_ps(out + full, tail, e);
      vsum = _mm256_add_ps(vsum, e);
    }
    const __m256 inv = _mm256_set1_ps(1.f / reduce_add(vsum));
    for (size_t i = 0; i < full; i += 8) _mm256_storeu_ps(out + i, _mm256_mul_ps(_mm256_loadu_ps(out + i), inv));
    if (has_tail) _mm256_maskstore_ps(out + full, tail, _mm256_mul_ps(_mm256_maskload_ps(out + full, tail), inv));
  }
}

}  // namespace tfb
