// Float matrix products with packed weights, the core of float CONV_2D,
// FULLY_CONNECTED and TRANSPOSE_CONV:
//   c[i][j] = clamp(bias[j] + sum_p a[i][p] * w[j][p])
// prepare packs the weights once for the microkernel picked for the ISA level
// and the layer's width (dispatch/gemm_config.h); eval only runs tiles.
#pragma once

#include <cstddef>

#include "dispatch/gemm_config.h"
#include "interpreter/aligned_buffer.h"
#include "interpreter/thread_pool.h"
#include "kernels/kernel_util.h"

namespace tfb {

class F32Gemm {
 public:
  // Picks the microkernel and packs w(j, p) = w[j * n_stride + p * k_stride]
  // for j < n, p < k; bias may be null (zeros). Rows of A will be read as ks
  // segments of k / ks values (see f32_gemm.h in kernels/isa/).
  void pack(size_t n, size_t k, const float* w, size_t n_stride, size_t k_stride, const float* bias, size_t ks = 1);

  // Rows [0, rows) of A (row i at a + i * lda, its segments ks_stride apart)
  // times columns [j0, j1) into c (row stride ldc, pointing at column 0). j0
  // is a multiple of nr().
  void run(size_t rows, const float* a, size_t lda, float* c, size_t ldc, FloatRange act, size_t j0, size_t j1,
           size_t ks_stride = 0) const;
  void run(size_t rows, const float* a, size_t lda, float* c, size_t ldc, FloatRange act) const {
    run(rows, a, lda, c, ldc, act, 0, n_);
  }
  // The whole product split among the pool's threads: along rows when there
  // are enough of them, else along columns.
  void run_parallel(ThreadPool& pool, size_t rows, const float* a, size_t lda, float* c, size_t ldc,
                    FloatRange act) const;

  size_t nr() const { return kernel_.nr; }
  size_t mr() const { return kernel_.mr; }
  const char* kernel_name() const { return kernel_.name; }

 private:
  F32GemmKernel kernel_;
  size_t n_ = 0, k_ = 0, ks_ = 1;
  AlignedBuffer packed_;
};

}  // namespace tfb
