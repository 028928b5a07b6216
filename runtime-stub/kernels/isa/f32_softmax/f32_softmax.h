// f32 softmax microkernels: each of `rows` rows of `depth` floats becomes
//   out[i] = exp(beta * (x[i] - max)) / sum_j exp(beta * (x[j] - max)).
// The vector kernels need beta > 0, so that every exponent is <= 0; they
// compute exp with a degree-6 polynomial (about 1 ulp) and flush results
// below 2^-126 to 0. The scalar kernel is the reference (Eigen, any beta).
// Names are f32_softmax__<isa>; dispatch/softmax_config.h picks one.
#pragma once

#include <cstddef>

namespace tfb {

using F32SoftmaxUkernel = void (*)(const float* in, float* out, size_t rows, size_t depth, float beta);

void f32_softmax_ukernel__scalar(const float* in, float* out, size_t rows, size_t depth, float beta);
void f32_softmax_ukernel__avx2(const float* in, float* out, size_t rows, size_t depth, float beta);
void f32_softmax_ukernel__avx512(const float* in, float* out, size_t rows, size_t depth, float beta);

// exp(x) for x <= 0 is p(r) * 2^n with n = round(x / ln 2), r = x - n ln 2
// (ln 2 in two parts so that r is exact) and p the minimax polynomial of
// exp on [-ln 2 / 2, ln 2 / 2]: 1 + r + r^2 (c5 + r (c4 + r (c3 + ...))).
namespace softmax_exp {
constexpr float kMinInput = -87.33654f;  // exp(kMinInput) = 2^-126, the least normal float
constexpr float kLog2e = 1.44269504f;
constexpr float kLn2Hi = 0.693359375f, kLn2Lo = -2.12194440e-4f;
constexpr float kC0 = 1.9875691500e-4f, kC1 = 1.3981999507e-3f, kC2 = 8.3334519073e-3f, kC3 = 4.1665795894e-2f,
                kC4 = 1.6666665459e-1f, kC5 = 5.0000001201e-1f;
}  // namespace softmax_exp

}  // namespace tfb
