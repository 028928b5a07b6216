// Reference convolution-family kernels: naive loops over raw NHWC data, the
// oracle the fast kernels are tested against. Each computes the exact integer
// (or float) window sum of every output element and hands it to `finish(acc,
// batch, channel)`, which applies bias, requantization or activation, so one
// loop nest serves float, quantized and hybrid variants.
//
//   acc = sum over taps inside the image of (in - in_zp) * (w - w_zp)
//
// Taps outside the image contribute nothing (padding is a real zero).
#pragma once

#include <cstdint>
#include <vector>

#include "kernels/conv_geometry.h"

namespace tfb::reference {

// CONV_2D. filter: [out_c][filter_h][filter_w][filter_c]; the input has
// in_c = groups * filter_c channels and output channel oc reads group
// oc / (out_c / groups).
template <class Acc, class TIn, class TW, class Out, class Finish>
void conv_2d(const ConvGeometry& g, int filter_c, const TIn* in, int32_t in_zp, const TW* filter, int32_t filter_zp,
             Out* out, Finish finish) {
  const int groups = g.in_c / filter_c;
  const int per_group = g.out_c / groups;
  for (int b = 0; b < g.batches; ++b)
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox)
        for (int oc = 0; oc < g.out_c; ++oc) {
          const int c0 = oc / per_group * filter_c;
          Acc acc = 0;
          for (int ky = 0; ky < g.filter_h; ++ky)
            for (int kx = 0; kx < g.filter_w; ++kx) {
              const int iy = oy * g.stride_h - g.pad_top + ky * g.dilation_h;
              const int ix = ox * g.stride_w - g.pad_left + kx * g.dilation_w;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              for (int c = 0; c < filter_c; ++c) {
                const Acc x = static_cast<Acc>(in[((int64_t{b} * g.in_h + iy) * g.in_w + ix) * g.in_c + c0 + c]);
                const Acc w = static_cast<Acc>(
                    filter[((int64_t{oc} * g.filter_h + ky) * g.filter_w + kx) * filter_c + c]);
                acc += (x - static_cast<Acc>(in_zp)) * (w - static_cast<Acc>(filter_zp));
              }
            }
          out[((int64_t{b} * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] = finish(acc, b, oc);
        }
}

// DEPTHWISE_CONV_2D. filter: [1][filter_h][filter_w][out_c]; output channel
// oc reads input channel oc / (out_c / in_c).
template <class Acc, class TIn, class TW, class Out, class Finish>
void depthwise_conv_2d(const ConvGeometry& g, const TIn* in, int32_t in_zp, const TW* filter, int32_t filter_zp,
                       Out* out, Finish finish) {
  const int multiplier = g.out_c / g.in_c;
  for (int b = 0; b < g.batches; ++b)
    for (int oy = 0; oy < g.out_h; ++oy)
      for (int ox = 0; ox < g.out_w; ++ox)
        for (int oc = 0; oc < g.out_c; ++oc) {
          Acc acc = 0;
          for (int ky = 0; ky < g.filter_h; ++ky)
            for (int kx = 0; kx < g.filter_w; ++kx) {
              const int iy = oy * g.stride_h - g.pad_top + ky * g.dilation_h;
              const int ix = ox * g.stride_w - g.pad_left + kx * g.dilation_w;
              if (iy < 0 || iy >= g.in_h || ix < 0 || ix >= g.in_w) continue;
              const Acc x =
                  static_cast<Acc>(in[((int64_t{b} * g.in_h + iy) * g.in_w + ix) * g.in_c + oc / multiplier]);
              const Acc w = static_cast<Acc>(filter[(int64_t{ky} * g.filter_w + kx) * g.out_c + oc]);
              acc += (x - static_cast<Acc>(in_zp)) * (w - static_cast<Acc>(filter_zp));
            }
          out[((int64_t{b} * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] = finish(acc, b, oc);
        }
}

// TRANSPOSE_CONV. filter: [out_c][filter_h][filter_w][in_c]. Every input
// pixel scatters its products into the output window it maps to; outputs
// outside [0, out) are dropped.
template <class Acc, class TIn, class TW, class Out, class Finish>
void transpose_conv(const ConvGeometry& g, const TIn* in, int32_t in_zp, const TW* filter, int32_t filter_zp,
                    Out* out, Finish finish) {
  std::vector<Acc> sums(static_cast<size_t>(g.out_pixels() * g.out_c), Acc{0});
  for (int b = 0; b < g.batches; ++b)
    for (int iy = 0; iy < g.in_h; ++iy)
      for (int ix = 0; ix < g.in_w; ++ix)
        for (int ky = 0; ky < g.filter_h; ++ky)
          for (int kx = 0; kx < g.filter_w; ++kx) {
            const int oy = iy * g.stride_h - g.pad_top + ky;
            const int ox = ix * g.stride_w - g.pad_left + kx;
            if (oy < 0 || oy >= g.out_h || ox < 0 || ox >= g.out_w) continue;
            for (int oc = 0; oc < g.out_c; ++oc) {
              Acc acc = 0;
              for (int ic = 0; ic < g.in_c; ++ic) {
                const Acc x = static_cast<Acc>(in[((int64_t{b} * g.in_h + iy) * g.in_w + ix) * g.in_c + ic]);
                const Acc w = static_cast<Acc>(filter[((int64_t{oc} * g.filter_h + ky) * g.filter_w + kx) * g.in_c + ic]);
                acc += (x - static_cast<Acc>(in_zp)) * (w - static_cast<Acc>(filter_zp));
              }
              sums[((int64_t{b} * g.out_h + oy) * g.out_w + ox) * g.out_c + oc] += acc;
            }
          }
  for (int64_t i = 0; i < static_cast<int64_t>(sums.size()); ++i)
    out[i] = finish(sums[i], static_cast<int>(i / (int64_t{g.out_h} * g.out_w * g.out_c)), static_cast<int>(i % g.out_c));
}

// FULLY_CONNECTED: out[b][u] = finish(sum_k (in[b][k] - in_zp) * (w[u][k] - w_zp), b, u).
template <class Acc, class TIn, class TW, class Out, class Finish>
void fully_connected(int batches, int units, int depth, const TIn* in, int32_t in_zp, const TW* filter,
                     int32_t filter_zp, Out* out, Finish finish) {
  for (int b = 0; b < batches; ++b)
    for (int u = 0; u < units; ++u) {
      Acc acc = 0;
      for (int k = 0; k < depth; ++k)
        acc += (static_cast<Acc>(in[int64_t{b} * depth + k]) - static_cast<Acc>(in_zp)) *
               (static_cast<Acc>(filter[int64_t{u} * depth + k]) - static_cast<Acc>(filter_zp));
      out[int64_t{b} * units + u] = finish(acc, b, u);
    }
}

}  // namespace tfb::reference
