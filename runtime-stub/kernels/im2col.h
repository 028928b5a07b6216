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

// Bytes of im2col rows built at once per task: enough rows to amortize the
// GEMM's packing of the filter, few enough to stay in L2.
constexpr int64_t kIm2colBlockBytes = 256 * 1024;

// Writes rows for output pixels [m0, m0 + rows) (pixel = (b * out_h + oy) *
// out_w + ox), using input channels [c0, c0 + channels), converted to TOut.
// Taps outside the image get pad(b), the value that stands for a real zero
// in batch b.
// dst[i] = src[i] for i < n: memcpy for long runs, an inline loop for the
// few values of a narrow layer (a call per tap would cost more than the copy).
template <class T, class TOut>
inline void copy_values(const T* src, int64_t n, TOut* dst) {
  if constexpr (std::is_same_v<T, TOut>) {
    if (n >= 32) {
      std::memcpy(dst, src, n * sizeof(T));
      return;
    }
  }
  for (int64_t i = 0; i < n; ++i) dst[i] = static_cast<TOut>(src[i]);
}

template <class T, class TOut, class PadFn>
void im2col(const ConvGeometry& g, const T* in, int c0, int channels, int64_t m0, int rows, PadFn pad, TOut* out) {
  const int64_t row_len = int64_t{g.taps()} * channels;
  // With all channels and no dilation, the kx taps of one filter row are
  // contiguous in the input.
  const bool whole_rows = channels == g.in_c && g.dilation_w == 1;
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
    const bool inside_x = x0 >= 0 && x0 + g.filter_w <= g.in_w;
    for (int ky = 0; ky < g.filter_h; ++ky) {
      const int iy = y0 + ky * g.dilation_h;
      const int64_t span = int64_t{g.filter_w} * channels;
      if (iy < 0 || iy >= g.in_h) {
        std::fill(dst, dst + span, pad_value);
        dst += span;
        continue;
      }
      const T* src_row = image + int64_t{iy} * g.in_w * g.in_c;
      if (whole_rows && inside_x) {
        copy_values(src_row + int64_t{x0} * g.in_c, span, dst);
        dst += span;
        continue;
      }
      for (int kx = 0; kx < g.filter_w; ++kx, dst += channels) {
        const int ix = x0 + kx * g.dilation_w;
        if (ix < 0 || ix >= g.in_w) {
          std::fill(dst, dst + channels, pad_value);
        } else {
          copy_values(src_row + int64_t{ix} * g.in_c, channels, dst);
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
