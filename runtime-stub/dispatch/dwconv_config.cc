#include "dispatch/dwconv_config.h"

namespace tfb {

F32DwconvKernel f32_dwconv_kernel(size_t kh, size_t kw, IsaLevel level) {
  if (kh == 3 && kw == 3) {
    if (level >= IsaLevel::kAvx512) return {f32_dwconv_ukernel_3x3__avx512, 16, "f32_dwconv_3x3__avx512"};
    if (level >= IsaLevel::kAvx2) return {f32_dwconv_ukernel_3x3__avx2, 8, "f32_dwconv_3x3__avx2"};
  }
  return {f32_dwconv_ukernel__scalar, 0, "f32_dwconv__scalar"};
}

QS8DwconvKernel qs8_dwconv_kernel(size_t kh, size_t kw, DType input, IsaLevel level) {
  const bool s8 = input == DType::kI8;
  if (kh == 3 && kw == 3) {
    if (level >= IsaLevel::kAvx512)
      return s8 ? QS8DwconvKernel{qs8_dwconv_ukernel_3x3__avx512, 16, "qs8_dwconv_3x3__avx512"}
                : QS8DwconvKernel{qu8_dwconv_ukernel_3x3__avx512, 16, "qu8_dwconv_3x3__avx512"};
    if (level >= IsaLevel::kAvx2)
      return s8 ? QS8DwconvKernel{qs8_dwconv_ukernel_3x3__avx2, 8, "qs8_dwconv_3x3__avx2"}
                : QS8DwconvKernel{qu8_dwconv_ukernel_3x3__avx2, 8, "qu8_dwconv_3x3__avx2"};
  }
  return s8 ? QS8DwconvKernel{qs8_dwconv_ukernel__scalar, 0, "qs8_dwconv__scalar"}
            : QS8DwconvKernel{qu8_dwconv_ukernel__scalar, 0, "qu8_dwconv__scalar"};
}

}  // namespace tfb
