#include "kernels/kernel_util.h"

#include <cmath>

namespace tfb {

IntRange dtype_range(DType t) {
  switch (t) {
    case DType::kI8: return {-128, 127};
    case DType::kU8: return {0, 255};
    case DType::kI16: return {-32768, 32767};
    default: return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  }
}

IntRange quantized_activation_range(tflfb::ActivationFunctionType act, const Tensor& output) {
  IntRange r = dtype_range(output.type);
  const float scale = output.quant.scale0();
  const int32_t zp = output.quant.zp0();
  const IntRange full = r;
  auto quantize = [&](float v) { return saturating_cast(zp + std::round(v / scale), full); };
  switch (act) {
    case tflfb::ActivationFunctionType_RELU: r.min = std::max(r.min, quantize(0.f)); break;
    case tflfb::ActivationFunctionType_RELU6:
      r.min = std::max(r.min, quantize(0.f));
      r.max = std::min(r.max, quantize(6.f));
      break;
    case tflfb::ActivationFunctionType_RELU_N1_TO_1:
      r.min = std::max(r.min, quantize(-1.f));
      r.max = std::min(r.max, quantize(1.f));
      break;
    default: break;
  }
  return r;
}

int window_output_size(tflfb::Padding padding, int in, int filter, int stride, int dilation) {
  int effective = (filter - 1) * dilation + 1;
  if (stride <= 0) return 0;
  if (padding == tflfb::Padding_SAME) return (in + stride - 1) / stride;
  return std::max(0, (in + stride - effective) / stride);
}

namespace {
// Padding before the window, and whether one more row/col goes after.
int padding_before(int stride, int dilation, int in, int filter, int out, int* extra) {
  int effective = (filter - 1) * dilation + 1;
  int total = std::max(0, (out - 1) * stride + effective - in);
  *extra = total % 2;
  return total / 2;
}
}  // namespace

Padding2D compute_padding(tflfb::Padding padding, int in_h, int in_w, int filter_h, int filter_w, int stride_h,
                          int stride_w, int dilation_h, int dilation_w) {
  Padding2D p;
  p.out_h = window_output_size(padding, in_h, filter_h, stride_h, dilation_h);
  p.out_w = window_output_size(padding, in_w, filter_w, stride_w, dilation_w);
  p.top = padding_before(stride_h, dilation_h, in_h, filter_h, p.out_h, &p.extra_bottom);
  p.left = padding_before(stride_w, dilation_w, in_w, filter_w, p.out_w, &p.extra_right);
  return p;
}

Status resolve_axis(int axis, int rank, int* out) {
  int a = axis < 0 ? axis + rank : axis;
  TFB_REQUIRE(a >= 0 && a < std::max(rank, 1), "axis %d is out of range for rank %d", axis, rank);
  *out = a;
  return OkStatus();
}

bool read_int_values(const Tensor& t, std::vector<int64_t>* out) {
  out->resize(static_cast<size_t>(t.count()));
  if (t.type == DType::kI32) {
    for (size_t i = 0; i < out->size(); ++i) (*out)[i] = t.as<int32_t>()[i];
  } else if (t.type == DType::kI64) {
    for (size_t i = 0; i < out->size(); ++i) (*out)[i] = t.as<int64_t>()[i];
  } else {
    return false;
  }
  return true;
}

}  // namespace tfb
