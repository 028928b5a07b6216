// AVX-512 VNNI 8-bit GEMM, 6 rows x 32 columns: the faster tile in
// bench/qs8_gemm_bench.cc for layers with at least 64 input and 33 output channels.
#include "kernels/isa/qs8_gemm/avx512vnni_tile.h"

namespace tfb {

void qs8_gemm_ukernel_6x32c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                         size_t ks_stride, const void* w, uint8_t* c, size_t c_stride,
                                         const QS8GemmParams& p) {
  qs8_gemm_avx512vnni<6, 2>(mr, nc, kc, ks, a, a_stride, ks_stride, w, c, c_stride, p);
}

}  // namespace tfb
