// Geometry of the 2-D sliding-window ops of the convolution family (CONV_2D,
// DEPTHWISE_CONV_2D, TRANSPOSE_CONV), NHWC, computed once in prepare. A plain
// struct so the reference kernels can share it.
#pragma once

#include <cstdint>

#include "interpreter/status.h"
#include "schema/tflite_generated.h"

namespace tfb {

struct ConvGeometry {
  int batches = 0, in_h = 0, in_w = 0, in_c = 0;
  int out_h = 0, out_w = 0, out_c = 0;
  int filter_h = 0, filter_w = 0;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
  int pad_top = 0, pad_left = 0;  // rows / columns of implicit padding before the input

  int64_t out_pixels() const { return int64_t{batches} * out_h * out_w; }
  int taps() const { return filter_h * filter_w; }
};

struct WindowOptions {
  tflfb::Padding padding = tflfb::Padding_SAME;
  int stride_h = 1, stride_w = 1;
  int dilation_h = 1, dilation_w = 1;
};

// Fills `g` for a window of filter_h x filter_w sliding over an NHWC input of
// shape [batches, in_h, in_w, in_c]: output size and padding as TFLite
// computes them. Rejects strides, dilations and sizes that are out of range.
Status conv_geometry(const int32_t input_nhwc[4], int filter_h, int filter_w, int out_c, const WindowOptions& w,
                     ConvGeometry* g);

// TRANSPOSE_CONV: the input is [batches, in_h, in_w, in_c] and the output size
// is given; the padding is the one a forward convolution from the output back
// to the input would use.
Status transpose_conv_geometry(const int32_t input_nhwc[4], const int32_t output_nhwc[4], int filter_h, int filter_w,
                               const WindowOptions& w, ConvGeometry* g);

}  // namespace tfb
