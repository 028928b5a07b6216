// f32 depthwise convolution microkernels (channel multiplier 1): one output
// row, all channels,
//   out[x][c] = clamp(bias[c] + sum_{ky,kx} rows[ky][(x * stride + kx * dilation - pad_left) * channels + c]
//                                             * w[ky][kx][c])
// where rows[ky] is the input row tap row ky reads, or a row of zeros when it
// falls in the padding; taps left or right of the row are skipped. Weights
// are packed by pack_f32_dwconv_weights (kernels/weight_packing.h) in blocks of
// the kernel's channel count: biases, then one vector per tap. Names are
// f32_dwconv_<taps>__<isa>; dispatch/dwconv_config.h picks one.
// Declarations only: ISA files include this.
#pragma once

#include <cstddef>

#include "kernels/isa/f32_gemm/f32_gemm.h"

namespace tfb {

// The geometry of every output row of a layer, computed once in prepare.
struct DwconvRow {
  size_t channels = 0;
  size_t kh = 0, kw = 0;
  size_t in_w = 0, out_w = 0;
  size_t stride = 1, dilation = 1;  // along x
  size_t pad_left = 0;
  // Outputs [x_begin, x_end) have every tap inside the row.
  size_t x_begin = 0, x_end = 0;
};

using F32DwconvUkernel = void (*)(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                  const F32MinMax& p);

// Any filter size; channels in one block (the natural [tap][channel] layout).
void f32_dwconv_ukernel__scalar(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                const F32MinMax& p);
// 3 x 3 filters, 8 and 16 channels per block.
void f32_dwconv_ukernel_3x3__avx2(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                  const F32MinMax& p);
void f32_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                    const F32MinMax& p);

}  // namespace tfb
