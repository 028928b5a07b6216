// f32 matrix-vector microkernels, for a FULLY_CONNECTED layer with one input
// row: out[j] = min(max(bias[j] + sum_p w[j * depth + p] * x[p], p.min), p.max)
// for j < rows, reading the filter where it is (row-major, as the model holds
// it). A product with one row gains nothing from packed weights, and not
// packing them keeps a large model's filters resident once instead of twice.
// bias may be null (zeros). The scalar kernel is the oracle. Names are
// f32_gemv_ukernel__<isa>; dispatch/gemv_config.h picks one.
#pragma once

#include <cstddef>

#include "kernels/isa/f32_gemm/f32_gemm.h"

namespace tfb {

using F32GemvUkernel = void (*)(size_t rows, size_t depth, const float* w, const float* x, const float* bias,
                                float* out, const F32MinMax& p);

void f32_gemv_ukernel__scalar(size_t rows, size_t depth, const float* w, const float* x, const float* bias, float* out,
                              const F32MinMax& p);
void f32_gemv_ukernel__avx2(size_t rows, size_t depth, const float* w, const float* x, const float* bias, float* out,
                            const F32MinMax& p);
void f32_gemv_ukernel__avx512(size_t rows, size_t depth, const float* w, const float* x, const float* bias, float* out,
                              const F32MinMax& p);

}  // namespace tfb
