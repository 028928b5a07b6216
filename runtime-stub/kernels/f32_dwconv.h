// Float depthwise convolution (channel multiplier 1) with packed weights:
// prepare picks the microkernel for the ISA level and filter size
// (dispatch/dwconv_config.h) and packs the filter; eval runs it row by row.
#pragma once

#include <vector>

#include "dispatch/dwconv_config.h"
#include "interpreter/aligned_buffer.h"
#include "kernels/conv_geometry.h"
#include "kernels/kernel_util.h"

namespace tfb {

// The row geometry every depthwise microkernel takes (also for integers).
DwconvRow dwconv_row(const ConvGeometry& g);

// The microkernels take channel multiplier 1 and filters up to this tall.
constexpr int kMaxDwconvRows = 16;
inline bool dwconv_microkernels_apply(const ConvGeometry& g) {
  return g.in_c == g.out_c && g.filter_h <= kMaxDwconvRows;
}

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

}  // namespace tfb
