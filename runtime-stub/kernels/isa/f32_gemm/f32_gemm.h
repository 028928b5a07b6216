// f32 GEMM microkernels: one tile of up to MR rows, all `nc` columns,
//   c[i][j] = min(max(bias[j] + sum_k A[i][k] * w[j][k], p.min), p.max)
// where row i of A is ks segments of kc values, segment s starting at
// a + i * a_stride + s * ks_stride (ks = 1: a plain row-major matrix; a
// convolution reads the filter rows of a receptive field straight from the
// input this way). Weights are packed by pack_f32_gemm_weights
// (kernels/weight_packing.h) for the kernel's NR: per block of NR columns,
// NR biases then ks x kc rows of NR weights (columns past nc zero). Rows
// i >= mr are not touched. Names are
// f32_gemm_ukernel_<MR>x<NR>__<isa>; the family's config (dispatch/
// gemm_config.h) picks one. Declarations only: ISA files include this, so it
// must hold no inline code.
#pragma once

#include <cstddef>

namespace tfb {

struct F32MinMax {
  float min, max;
};

using F32GemmUkernel = void (*)(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p);

void f32_gemm_ukernel_4x8__scalar(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                  size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p);
void f32_gemm_ukernel_6x16__avx2(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                 size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p);
void f32_gemm_ukernel_6x32__avx512(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                   size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p);
void f32_gemm_ukernel_8x16__avx512(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                   size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p);

}  // namespace tfb
