// Depthwise convolutions (channel multiplier 1) on packed weights: prepare
// picks the microkernel for the ISA level, filter size and dtype
// (dispatch/dwconv_config.h) and packs the filter; eval runs it row by row,
// handing it the input rows each output row reads (a row of zeros, or of
// zero points, for rows in the padding).
#pragma once

#include <vector>

#include "dispatch/dwconv_config.h"
#include "interpreter/aligned_buffer.h"
#include "kernels/conv_geometry.h"
#include "kernels/kernel_util.h"
#include "kernels/quant_filter.h"
#include "kernels/requantize.h"

namespace tfb {

// The microkernels take channel multiplier 1 and filters up to this tall.
constexpr int kMaxDwconvRows = 16;
inline bool dwconv_microkernels_apply(const ConvGeometry& g) {
  return g.in_c == g.out_c && g.filter_h <= kMaxDwconvRows;
}

// The row geometry every depthwise microkernel takes.
DwconvRow dwconv_row(const ConvGeometry& g);

class F32Dwconv {
 public:
  // filter: [filter_h][filter_w][channels]; bias may be null.
  void pack(const ConvGeometry& g, const float* filter, const float* bias);
  // Output rows [r0, r1), row r = batch * out_h + oy.
  void run_rows(const float* in, float* out, FloatRange act, int64_t r0, int64_t r1) const;
  const char* kernel_name() const { return kernel_.name; }

 private:
  F32DwconvKernel kernel_;
  ConvGeometry g_;
  DwconvRow row_;
  AlignedBuffer packed_;
  std::vector<float> zero_row_;  // stands for input rows in the padding
};

// int8 / uint8 with XNNPACK's float requantization (kFloatScale).
class QS8Dwconv {
 public:
  // w: the filter minus its zero point, [filter_h][filter_w][channels];
  // bias: raw (zeros when empty).
  void pack(const ConvGeometry& g, DType input, int32_t input_zp, const QuantFilter& w,
            const std::vector<int64_t>& bias, const Requantization& rq);
  void run_rows(const void* in, void* out, int64_t r0, int64_t r1) const;
  const char* kernel_name() const { return kernel_.name; }

 private:
  QS8DwconvKernel kernel_;
  QS8DwconvParams params_{};
  ConvGeometry g_;
  DwconvRow row_;
  AlignedBuffer packed_;
  std::vector<uint8_t> zero_row_;  // input zero points: rows and columns in the padding
};

}  // namespace tfb
