// Which float matrix-vector microkernel a one-row FULLY_CONNECTED layer uses,
// chosen once in prepare from the ISA level.
#pragma once

#include "dispatch/cpu_features.h"
#include "kernels/isa/f32_gemv/f32_gemv.h"

namespace tfb {

struct F32GemvKernel {
  F32GemvUkernel ukernel = nullptr;  // null: pack and use the GEMM instead
  const char* name = "";
};

// Below AVX2 there is none: such layers pack their weights and run the
// baseline GEMM, as every float layer did before this kernel.
F32GemvKernel f32_gemv_kernel(IsaLevel level = isa_level());

}  // namespace tfb
