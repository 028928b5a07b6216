// im2col: lays out the receptive field of each output pixel as one row, so a
// convolution becomes a matrix product with the [out_c][taps * channels]
// filter. Rows follow the filter's (ky, kx, channel) order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "kernels/conv_geometry.h"

namespace tfb {

// Writes rows for output pixels [m0, m0 + rows) (pixel = (b * out_h + oy) *
// out_w + ox), using input channels [c0, c0 + channels), converted to TOut.
// Taps outside the image get pad(b), the value that stands for a real zero
// in batch b.
template <class T, class TOut, class PadFn>
void im2col(const ConvGeometry& g, const T* in, int c0, int channels, int64_t m0, int rows, PadFn pad, TOut* out) {
  const int64_t row_len = int64_t{g.taps()} * channels;
  int64_t m = m0;
  int b = static_cast<int>(m / (int64_t{g.out_h} * g.out_w));
  int oy = static_cast<int>(m / g.out_w % g.out_h);
  int ox = static_cast<int>(m % g.out_w);
  for (int r = 0; r < rows; ++r) {
    TOut* dst = out + r * row_len;
    const TOut pad_value = static_cast<TOut>(pad(b));
    const T* image = in + int64_t{b} * g.in_h * g.in_w * g.in_c + c0;
    const int y0 = oy * g.stride_h - g.pad_top;
    const int x0 = ox * g.stride_w - g.pad_left;
    for (int ky = 0; ky < g.filter_h; ++ky) {
      const int iy = y0 + ky * g.dilation_h;
      for (int kx = 0; kx < g.filter_w; ++kx, dst += channels) {
        const int ix = x0 + kx * g.dilation_w;
        if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) {
          std::fill(dst, dst + channels, pad_value);
        } else if constexpr (std::is_same_v<T, TOut>) {
          std::memcpy(dst, image + (int64_t{iy} * g.in_w + ix) * g.in_c, channels * sizeof(T));
        } else {
          std::copy_n(image + (int64_t{iy} * g.in_w + ix) * g.in_c, channels, dst);
        }
      }
    }
    if (++ox == g.out_w) {
      ox = 0;
      if (++oy == g.out_h) {
        oy = 0;
        ++b;
      }
    }
  }
}

}  // namespace tfb
