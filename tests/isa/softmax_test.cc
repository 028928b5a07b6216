// The float softmax microkernels at every ISA level this machine has, against
// softmax computed in double: row lengths around the vector widths (tails),
// wide and narrow value ranges (exponents below the flush point), betas.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "dispatch/softmax_config.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

struct Expected {
  std::vector<double> y;
  std::vector<double> exponent;  // beta * (x - max)
};

Expected softmax_in_double(const float* x, size_t depth, float beta) {
  double max = x[0], sum = 0;
  for (size_t i = 1; i < depth; ++i) max = std::max<double>(max, x[i]);
  Expected e{std::vector<double>(depth), std::vector<double>(depth)};
  for (size_t i = 0; i < depth; ++i) {
    e.exponent[i] = double{beta} * (x[i] - max);
    sum += e.y[i] = std::exp(e.exponent[i]);
  }
  for (double& v : e.y) v /= sum;
  return e;
}

TEST(F32Softmax, EveryLevelMatchesSoftmaxInDouble) {
  std::mt19937 rng(11);
  for (IsaLevel level : isa_levels()) {
    const F32SoftmaxKernel k = f32_softmax_kernel(1.f, level);
    for (size_t depth : {1, 2, 7, 8, 9, 15, 16, 17, 31, 33, 100, 1001}) {
      for (float spread : {0.5f, 10.f, 200.f}) {
        for (float beta : {1.f, 0.25f, 3.f}) {
          const size_t rows = 3;
          std::uniform_real_distribution<float> u(-spread, spread);
          std::vector<float> in(rows * depth), out(rows * depth, -1.f);
          for (float& v : in) v = u(rng);
          k.ukernel(in.data(), out.data(), rows, depth, beta);
          for (size_t r = 0; r < rows; ++r) {
            const Expected want = softmax_in_double(in.data() + r * depth, depth, beta);
            double total = 0;
            for (size_t i = 0; i < depth; ++i) {
              const double got = out[r * depth + i];
              total += got;
              // Float rounds the exponent twice (x - max, times beta), a relative
              // error of |exponent| ulps in exp; plus 4 ulps for exp, the sum
              // and the division; 1e-37 absolute for results flushed to 0.
              const double ulps = 4 + 2 * std::abs(want.exponent[i]);
              ASSERT_NEAR(got, want.y[i], want.y[i] * ulps * 1.2e-7 + 1e-37)
                  << k.name << " depth " << depth << " spread " << spread << " beta " << beta << " row " << r
                  << " element " << i;
            }
            EXPECT_NEAR(total, 1.0, 1e-5);
          }
        }
      }
    }
  }
}

TEST(F32Softmax, NonPositiveBetaUsesTheScalarKernel) {
  for (IsaLevel level : isa_levels()) {
    EXPECT_EQ(f32_softmax_kernel(0.f, level).ukernel, f32_softmax_ukernel__scalar);
    EXPECT_EQ(f32_softmax_kernel(-1.f, level).ukernel, f32_softmax_ukernel__scalar);
  }
}

}  // namespace
}  // namespace tfb::test
