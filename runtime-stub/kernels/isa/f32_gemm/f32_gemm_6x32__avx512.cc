// AVX-512 f32 GEMM, 6 rows x 32 columns (12 accumulators, 2 weight vectors
// per k): the fastest tile on Zen 5 in bench/f32_gemm_bench.cc.
#include "kernels/isa/f32_gemm/avx512_tile.h"

namespace tfb {

void f32_gemm_ukernel_6x32__avx512(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                   size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p) {
  f32_gemm_avx512<6, 2>(mr, nc, kc, ks, a, a_stride, ks_stride, w, c, c_stride, p);
}

}  // namespace tfb
