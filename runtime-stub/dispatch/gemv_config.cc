#include "dispatch/gemv_config.h"

namespace tfb {

F32GemvKernel f32_gemv_kernel(IsaLevel level) {
  if (level >= IsaLevel::kAvx512) return {f32_gemv_ukernel__avx512, "f32_gemv__avx512"};
  if (level >= IsaLevel::kAvx2) return {f32_gemv_ukernel__avx2, "f32_gemv__avx2"};
  return {};
}

}  // namespace tfb
