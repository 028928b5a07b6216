#include "kernels/conv_geometry.h"

#include "kernels/kernel_util.h"

namespace tfb {

namespace {
// Bounds that keep every window computation far from int32 overflow; real
// models use single-digit strides and dilations.
constexpr int kMaxStride = 1 << 16;
constexpr int kMaxFilter = 1 << 14;
constexpr int kMaxSpatial = 1 << 30;

Status check_window(const int32_t nhwc[4], int filter_h, int filter_w, const WindowOptions& w) {
  TFB_REQUIRE(w.padding == tflfb::Padding_SAME || w.padding == tflfb::Padding_VALID, "padding %d is not SAME or VALID",
              static_cast<int>(w.padding));
  TFB_REQUIRE(w.stride_h >= 1 && w.stride_w >= 1 && w.stride_h <= kMaxStride && w.stride_w <= kMaxStride,
              "stride %dx%d is out of range", w.stride_h, w.stride_w);
  TFB_REQUIRE(w.dilation_h >= 1 && w.dilation_w >= 1 && w.dilation_h <= kMaxStride && w.dilation_w <= kMaxStride,
              "dilation %dx%d is out of range", w.dilation_h, w.dilation_w);
  TFB_REQUIRE(filter_h >= 1 && filter_w >= 1 && filter_h <= kMaxFilter && filter_w <= kMaxFilter,
              "filter size %dx%d is out of range", filter_h, filter_w);
  TFB_SUPPORTED(nhwc[1] <= kMaxSpatial && nhwc[2] <= kMaxSpatial, "spatial size %dx%d is too large", nhwc[1], nhwc[2]);
  return OkStatus();
}
}  // namespace

Status conv_geometry(const int32_t input_nhwc[4], int filter_h, int filter_w, int out_c, const WindowOptions& w,
                     ConvGeometry* g) {
  TFB_RETURN_IF_ERROR(check_window(input_nhwc, filter_h, filter_w, w));
  Padding2D p = compute_padding(w.padding, input_nhwc[1], input_nhwc[2], filter_h, filter_w, w.stride_h, w.stride_w,
                                w.dilation_h, w.dilation_w);
  *g = ConvGeometry{};
  g->batches = input_nhwc[0];
  g->in_h = input_nhwc[1];
  g->in_w = input_nhwc[2];
  g->in_c = input_nhwc[3];
  g->out_h = p.out_h;
  g->out_w = p.out_w;
  g->out_c = out_c;
  g->filter_h = filter_h;
  g->filter_w = filter_w;
  g->stride_h = w.stride_h;
  g->stride_w = w.stride_w;
  g->dilation_h = w.dilation_h;
  g->dilation_w = w.dilation_w;
  g->pad_top = p.top;
  g->pad_left = p.left;
  return OkStatus();
}

Status transpose_conv_geometry(const int32_t input_nhwc[4], const int32_t output_nhwc[4], int filter_h, int filter_w,
                               const WindowOptions& w, ConvGeometry* g) {
  TFB_REQUIRE(w.dilation_h == 1 && w.dilation_w == 1, "transpose convolution has no dilation");
  TFB_RETURN_IF_ERROR(check_window(output_nhwc, filter_h, filter_w, w));
  TFB_RETURN_IF_ERROR(check_window(input_nhwc, filter_h, filter_w, w));
  Padding2D p = compute_padding(w.padding, output_nhwc[1], output_nhwc[2], filter_h, filter_w, w.stride_h, w.stride_w);
  *g = ConvGeometry{};
  g->batches = input_nhwc[0];
  g->in_h = input_nhwc[1];
  g->in_w = input_nhwc[2];
  g->in_c = input_nhwc[3];
  g->out_h = output_nhwc[1];
  g->out_w = output_nhwc[2];
  g->out_c = output_nhwc[3];
  g->filter_h = filter_h;
  g->filter_w = filter_w;
  g->stride_h = w.stride_h;
  g->stride_w = w.stride_w;
  g->pad_top = p.top;
  g->pad_left = p.left;
  return OkStatus();
}

}  // namespace tfb
