// AVX-512 f32 GEMM, 8 rows x 16 columns: for layers with at most 16 output
// channels, where a 32-column tile would compute half padding.
#include "kernels/isa/f32_gemm/avx512_tile.h"

namespace tfb {

void f32_gemm_ukernel_8x16__avx512(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                   size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p) {
  f32_gemm_avx512<8, 1>(mr, nc, kc, ks, a, a_stride, ks_stride, w, c, c_stride, p);
}

}  // namespace tfb
