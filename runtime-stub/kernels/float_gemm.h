// Float matrix product with bias and fused activation, the core of float
// convolutions and fully connected layers (Eigen's GEMM underneath):
//   out[i][j] = clamp(bias[j] + sum_p a[i][p] * w[j][p])
// Matrices are row-major with the given row strides; bias may be null.
#pragma once

#include <cstdint>

#include "kernels/kernel_util.h"

namespace tfb {

void float_gemm(const float* a, int64_t lda, const float* w, int64_t ldw, const float* bias, int rows, int cols,
                int depth, FloatRange act, float* out, int64_t ldo);

}  // namespace tfb
