// 8-bit depthwise convolution microkernels (channel multiplier 1) with a fused
// requantization: one output row, all channels,
//   acc[x][c] = bias[c] + sum_{ky,kx} in(ky, x * stride + kx * dilation - pad_left, c) * w[ky][kx][c]
//   out[x][c] = round_to_even(clamp(acc[x][c] * scale[c], p.min, p.max)) + p.zero_point
// where in() reads rows[ky] (a row of zero-point bytes when the row falls in
// the padding) and `zero` (zero-point bytes) for columns outside the row, so
// padding contributes (zp - zp) * w = 0 once the prepare has folded
// -zp * sum(w) into the bias. Inputs are int8 (qs8) or uint8 (qu8), weights
// are the filter minus its zero point (any int16 value); XNNPACK's float
// requantization, bit-exact with it. Weights are packed by
// pack_qs8_dwconv_weights (kernels/weight_packing.h) in blocks of the
// kernel's channel count: int32 biases, one vector of weights per tap (each
// int32 lane holds the weight in its low 16 bits, zero above), float scales.
// Declarations only: ISA files include this.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/isa/f32_dwconv/f32_dwconv.h"

namespace tfb {

struct QS8DwconvParams {
  float min, max;  // clamp of acc * scale: the output range minus the zero point
  int32_t zero_point;
};

using QS8DwconvUkernel = void (*)(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                  uint8_t* out, const QS8DwconvParams& p);

// Any filter size; channels in one block.
void qs8_dwconv_ukernel__scalar(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                uint8_t* out, const QS8DwconvParams& p);
void qu8_dwconv_ukernel__scalar(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                uint8_t* out, const QS8DwconvParams& p);
// 3 x 3 filters, 8 and 16 channels per block.
void qs8_dwconv_ukernel_3x3__avx2(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                  uint8_t* out, const QS8DwconvParams& p);
void qu8_dwconv_ukernel_3x3__avx2(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                  uint8_t* out, const QS8DwconvParams& p);
void qs8_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                    uint8_t* out, const QS8DwconvParams& p);
void qu8_dwconv_ukernel_3x3__avx512(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                    uint8_t* out, const QS8DwconvParams& p);

}  // namespace tfb
