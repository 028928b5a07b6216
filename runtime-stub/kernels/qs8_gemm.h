// 8-bit matrix products with packed weights and a fused requantization, the
// fast path of int8 / uint8 CONV_2D and FULLY_CONNECTED:
//   c[i][j] = requantize(bias[j] + sum_p (a[i][p] - a_zp) * w[j][p], j)
// with XNNPACK's float requantization (kFloatScale). prepare packs the
// weights for the microkernel picked for the ISA level and the layer shape
// (dispatch/gemm_config.h), folding the activation zero point and the shifts
// of activations and weights into 8-bit ranges into the bias.
#pragma once

#include <cstdint>
#include <vector>

#include "dispatch/gemm_config.h"
#include "interpreter/aligned_buffer.h"
#include "interpreter/thread_pool.h"
#include "kernels/quant_filter.h"
#include "kernels/requantize.h"

namespace tfb {

class QS8Gemm {
 public:
  // Whether a packed kernel exists at this ISA level.
  static bool applies();

  // Packs w(j, p) = w[j * n_stride + p * k_stride] (zero point removed) for
  // j < n, p < k (values of an 8-bit filter: they span at most 256), with
  // the raw bias (zeros when empty) of channels
  // [c0, c0 + n) of `rq`, for activations of type `input` (int8 or uint8)
  // with zero point a_zp. Rows of A will be read as ks segments of k / ks
  // bytes (see qs8_gemm.h in kernels/isa/).
  void pack(size_t n, size_t k, const QuantFilter& w, size_t n_stride, size_t k_stride,
            const std::vector<int64_t>& bias, DType input, int32_t a_zp, const Requantization& rq, size_t c0,
            size_t ks = 1);

  // Rows [0, rows) of A (row i at a + i * lda, its segments ks_stride apart)
  // times columns [j0, j1) into c (row stride ldc, pointing at column 0). j0
  // is a multiple of nr().
  void run(size_t rows, const void* a, size_t lda, void* c, size_t ldc, size_t j0, size_t j1,
           size_t ks_stride = 0) const;
  void run(size_t rows, const void* a, size_t lda, void* c, size_t ldc) const { run(rows, a, lda, c, ldc, 0, n_); }
  // The whole product split among the pool's threads.
  void run_parallel(ThreadPool& pool, size_t rows, const void* a, size_t lda, void* c, size_t ldc) const;

  size_t nr() const { return kernel_.nr; }
  const char* kernel_name() const { return kernel_.name; }

 private:
  QS8GemmKernel kernel_;
  QS8GemmParams params_{};
  size_t n_ = 0, k_ = 0, ks_ = 1;
  AlignedBuffer packed_;
};

}  // namespace tfb
