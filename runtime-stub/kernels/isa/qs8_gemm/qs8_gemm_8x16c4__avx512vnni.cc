// AVX-512 VNNI 8-bit GEMM, 8 rows x 16 columns: the faster tile in
// bench/qs8_gemm_bench.cc for narrow layers and shallow depths, where the epilogue dominates.
#include "kernels/isa/qs8_gemm/avx512vnni_tile.h"

namespace tfb {

void qs8_gemm_ukernel_8x16c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                         size_t ks_stride, const void* w, uint8_t* c, size_t c_stride,
                                         const QS8GemmParams& p) {
  qs8_gemm_avx512vnni<8, 1>(mr, nc, kc, ks, a, a_stride, ks_stride, w, c, c_stride, p);
}

}  // namespace tfb
