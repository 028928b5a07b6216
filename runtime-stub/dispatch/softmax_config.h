// Which float softmax microkernel a layer uses, chosen once in prepare from
// the ISA level and beta (the vector kernels need beta > 0).
#pragma once

#include "dispatch/cpu_features.h"
#include "kernels/isa/f32_softmax/f32_softmax.h"

namespace tfb {

struct F32SoftmaxKernel {
  F32SoftmaxUkernel ukernel = nullptr;
  const char* name = "";
};

F32SoftmaxKernel f32_softmax_kernel(float beta, IsaLevel level = isa_level());

}  // namespace tfb
