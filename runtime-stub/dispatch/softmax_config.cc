#include "dispatch/softmax_config.h"

namespace tfb {

F32SoftmaxKernel f32_softmax_kernel(float beta, IsaLevel level) {
  if (beta > 0.f) {
    if (level >= IsaLevel::kAvx512) return {f32_softmax_ukernel__avx512, "f32_softmax__avx512"};
    if (level >= IsaLevel::kAvx2) return {f32_softmax_ukernel__avx2, "f32_softmax__avx2"};
  }
  return {f32_softmax_ukernel__scalar, "f32_softmax__scalar"};
}

}  // namespace tfb
