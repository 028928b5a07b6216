#include "kernels/f32_gemm.h"

#include <algorithm>

#include "kernels/gemm_tasks.h"
#include "kernels/weight_packing.h"

namespace tfb {

void F32Gemm::pack(size_t n, size_t k, const float* w, size_t n_stride, size_t k_stride, const float* bias, size_t ks) {
  kernel_ = f32_gemm_kernel(n);
  n_ = n;
  k_ = k;
  ks_ = ks;
  packed_.resize(f32_gemm_packed_size(kernel_.nr, n, k) * sizeof(float));
  pack_f32_gemm_weights(kernel_.nr, n, k, w, n_stride, k_stride, bias, reinterpret_cast<float*>(packed_.data()));
}

void F32Gemm::run(size_t rows, const float* a, size_t lda, float* c, size_t ldc, FloatRange act, size_t j0, size_t j1,
                  size_t ks_stride) const {
  if (j1 <= j0) return;
  const float* w = f32_gemm_packed_columns(reinterpret_cast<const float*>(packed_.data()), kernel_.nr, k_, j0);
  const F32MinMax mm{act.min, act.max};
  for (size_t i = 0; i < rows; i += kernel_.mr)
    kernel_.ukernel(std::min(kernel_.mr, rows - i), j1 - j0, k_ / ks_, ks_, a + i * lda, lda, ks_stride, w,
                    c + i * ldc + j0, ldc, mm);
}

void F32Gemm::run_parallel(ThreadPool& pool, size_t rows, const float* a, size_t lda, float* c, size_t ldc,
                           FloatRange act) const {
  parallel_gemm(pool, rows, n_, k_, kernel_.mr, kernel_.nr, [&](size_t r0, size_t r1, size_t j0, size_t j1) {
    run(r1 - r0, a + r0 * lda, lda, c + r0 * ldc, ldc, act, j0, j1);
  });
}

}  // namespace tfb
