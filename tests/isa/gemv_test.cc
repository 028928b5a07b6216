// The float matrix-vector microkernels at every ISA level that has one, and
// the scalar oracle, against dot products in double: depths around the
// vector widths (masked tails), row counts around the 4-row blocks, with and
// without bias and a clamp.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "dispatch/gemv_config.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

std::vector<F32GemvKernel> kernels_to_test() {
  std::vector<F32GemvKernel> kernels = {{f32_gemv_ukernel__scalar, "f32_gemv__scalar"}};
  for (IsaLevel level : isa_levels())
    if (F32GemvKernel k = f32_gemv_kernel(level); k.ukernel) kernels.push_back(k);
  return kernels;
}

TEST(F32Gemv, EveryKernelMatchesDotProductsInDouble) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  std::mt19937 rng(5);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  const std::vector<F32GemvKernel> kernels = kernels_to_test();
  ASSERT_GE(kernels.size(), 1u);
  for (size_t rows : {1, 3, 4, 5, 9}) {
    for (size_t depth : {1, 7, 8, 9, 15, 16, 17, 33, 100, 1001}) {
      std::vector<float> w(rows * depth), x(depth), bias(rows);
      for (float& v : w) v = u(rng);
      for (float& v : x) v = u(rng);
      for (float& v : bias) v = u(rng);
      for (bool with_bias : {false, true}) {
        for (F32MinMax act : {F32MinMax{-inf, inf}, F32MinMax{0.f, 0.5f}}) {
          for (const F32GemvKernel& k : kernels) {
            std::vector<float> out(rows + 1, 123.f);  // one past the end: must stay untouched
            k.ukernel(rows, depth, w.data(), x.data(), with_bias ? bias.data() : nullptr, out.data(), act);
            for (size_t j = 0; j < rows; ++j) {
              double want = with_bias ? bias[j] : 0, magnitude = std::abs(want);
              for (size_t p = 0; p < depth; ++p) {
                want += double{w[j * depth + p]} * x[p];
                magnitude += std::abs(double{w[j * depth + p]} * x[p]);
              }
              want = std::min<double>(std::max<double>(want, act.min), act.max);
              // Float sums in any order: at most (depth + 1) roundings of the magnitude.
              ASSERT_NEAR(out[j], want, (depth + 1) * 6e-8 * magnitude + 1e-30)
                  << k.name << " rows " << rows << " depth " << depth << " row " << j << " bias " << with_bias;
            }
            EXPECT_EQ(out[rows], 123.f) << k.name << " wrote past its rows";
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace tfb::test
