// Which GEMM microkernel a layer uses, chosen once in prepare from the ISA
// level (best first) and the layer's width. Kernels pack their weights for
// the chosen tile.
#pragma once

#include <cstddef>

#include "dispatch/cpu_features.h"
#include "kernels/isa/f32_gemm/f32_gemm.h"
#include "kernels/isa/qs8_gemm/qs8_gemm.h"

namespace tfb {

struct F32GemmKernel {
  F32GemmUkernel ukernel = nullptr;
  size_t mr = 1, nr = 1;  // tile rows, columns per packed block
  const char* name = "";
};

// For a product with n output columns, at `level`.
F32GemmKernel f32_gemm_kernel(size_t n, IsaLevel level = isa_level());

struct QS8GemmKernel {
  QS8GemmUkernel ukernel = nullptr;  // null: no packed 8-bit kernel at this level
  size_t mr = 1, nr = 1, kr = 1;     // tile rows, columns per block, depths per group
  bool a_unsigned = false;           // how the kernel reads activation bytes
  const char* name = "";
};

// For a product with n output columns and depth k, at `level`.
QS8GemmKernel qs8_gemm_kernel(size_t n, size_t k, IsaLevel level = isa_level());

}  // namespace tfb
