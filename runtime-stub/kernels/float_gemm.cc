#include "kernels/float_gemm.h"

#include <Eigen/Core>

namespace tfb {

void float_gemm(const float* a, int64_t lda, const float* w, int64_t ldw, const float* bias, int rows, int cols,
                int depth, FloatRange act, float* out, int64_t ldo) {
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Stride = Eigen::OuterStride<>;
  Eigen::Map<const RowMajor, 0, Stride> x(a, rows, depth, Stride(lda));
  Eigen::Map<const RowMajor, 0, Stride> wt(w, cols, depth, Stride(ldw));
  Eigen::Map<RowMajor, 0, Stride> y(out, rows, cols, Stride(ldo));
  y.noalias() = x * wt.transpose();
  for (int i = 0; i < rows; ++i) {
    float* row = out + i * ldo;
    if (bias) {
      for (int j = 0; j < cols; ++j) row[j] = std::clamp(row[j] + bias[j], act.min, act.max);
    } else {
      for (int j = 0; j < cols; ++j) row[j] = std::clamp(row[j], act.min, act.max);
    }
  }
}

}  // namespace tfb
