// Which depthwise-convolution microkernel a layer uses, chosen once in
// prepare from the ISA level (best first) and the filter size.
#pragma once

#include <cstddef>

#include "dispatch/cpu_features.h"
#include "interpreter/tensor.h"
#include "kernels/isa/f32_dwconv/f32_dwconv.h"
#include "kernels/isa/qs8_dwconv/qs8_dwconv.h"

namespace tfb {

struct F32DwconvKernel {
  F32DwconvUkernel ukernel = nullptr;
  size_t cb = 0;  // channels per packed block; 0: all channels in one block
  const char* name = "";
};

F32DwconvKernel f32_dwconv_kernel(size_t kh, size_t kw, IsaLevel level = isa_level());

struct QS8DwconvKernel {
  QS8DwconvUkernel ukernel = nullptr;
  size_t cb = 0;  // channels per packed block; 0: all channels in one block
  const char* name = "";
};

// For int8 or uint8 inputs.
QS8DwconvKernel qs8_dwconv_kernel(size_t kh, size_t kw, DType input, IsaLevel level = isa_level());

}  // namespace tfb
