#include <Eigen/Core>

#include "kernels/isa/f32_softmax/f32_softmax.h"

namespace tfb {

void f32_softmax_ukernel__scalar(const float* in, float* out, size_t rows, size_t depth, float beta) {
  const auto n = static_cast<Eigen::Index>(depth);
  for (size_t r = 0; r < rows; ++r, in += depth, out += depth) {
    Eigen::Map<const Eigen::ArrayXf> x(in, n);
    Eigen::Map<Eigen::ArrayXf> y(out, n);
    y = ((x - x.maxCoeff()) * beta).exp();
    y *= 1.f / y.sum();
  }
}

}  // namespace tfb
