// Which depthwise-convolution microkernel a layer uses, chosen once in
// prepare from the ISA level (best first) and the filter size.
#pragma once

#include <cstddef>

#include "dispatch/cpu_features.h"
#include "kernels/isa/f32_dwconv/f32_dwconv.h"

namespace tfb {

struct F32DwconvKernel {
  F32DwconvUkernel ukernel = nullptr;
  size_t cb = 0;  // channels per packed block; 0: all channels in one block
  const char* name = "";
};

F32DwconvKernel f32_dwconv_kernel(size_t kh, size_t kw, IsaLevel level = isa_level());

}  // namespace tfb
