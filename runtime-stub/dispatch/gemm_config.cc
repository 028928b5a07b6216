#include "dispatch/gemm_config.h"

namespace tfb {

F32GemmKernel f32_gemm_kernel(size_t n, IsaLevel level) {
  if (level >= IsaLevel::kAvx512) {
    if (n <= 16) return {f32_gemm_ukernel_8x16__avx512, 8, 16, "f32_gemm_8x16__avx512"};
    return {f32_gemm_ukernel_6x32__avx512, 6, 32, "f32_gemm_6x32__avx512"};
  }
  if (level >= IsaLevel::kAvx2) return {f32_gemm_ukernel_6x16__avx2, 6, 16, "f32_gemm_6x16__avx2"};
  return {f32_gemm_ukernel_4x8__scalar, 4, 8, "f32_gemm_4x8__scalar"};
}

QS8GemmKernel qs8_gemm_kernel(size_t n, size_t k, IsaLevel level) {
  if (level >= IsaLevel::kAvx512Vnni) {
    // Measured in bench/qs8_gemm_bench.cc: the wider tile wins once there is
    // depth to amortize its epilogue and columns to fill it.
    if (n > 32 && k >= 64) return {qs8_gemm_ukernel_6x32c4__avx512vnni, 6, 32, 4, true, "qs8_gemm_6x32c4__avx512vnni"};
    return {qs8_gemm_ukernel_8x16c4__avx512vnni, 8, 16, 4, true, "qs8_gemm_8x16c4__avx512vnni"};
  }
  if (level >= IsaLevel::kAvx2) return {qs8_gemm_ukernel_2x8c8__avx2, 2, 8, 8, false, "qs8_gemm_2x8c8__avx2"};
  // Baseline: the layers' portable int16 GEMM (qgemm.h), whose 16-bit
  // multiply-adds SSE2 has.
  return {};
}

}  // namespace tfb
