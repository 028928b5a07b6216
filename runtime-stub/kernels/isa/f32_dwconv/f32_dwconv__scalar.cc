// Portable f32 depthwise convolution, any filter size: taps outer, channels
// innermost (loops the compiler vectorizes). Also the oracle the ISA kernels
// are tested against.
#include "kernels/isa/f32_dwconv/f32_dwconv.h"

namespace tfb {

void f32_dwconv_ukernel__scalar(const DwconvRow& g, const float* const* rows, const float* w, float* out,
                                const F32MinMax& p) {
  for (size_t x = 0; x < g.out_w; ++x) {
    float* o = out + x * g.channels;
    for (size_t c = 0; c < g.channels; ++c) o[c] = w[c];
    for (size_t kx = 0; kx < g.kw; ++kx) {
      // Input column x * stride + kx * dilation - pad_left, skipped outside the row.
      const size_t ix = x * g.stride + kx * g.dilation;
      if (ix < g.pad_left || ix - g.pad_left >= g.in_w) continue;
      for (size_t ky = 0; ky < g.kh; ++ky) {
        const float* in = rows[ky] + (ix - g.pad_left) * g.channels;
        const float* wt = w + (1 + ky * g.kw + kx) * g.channels;
        for (size_t c = 0; c < g.channels; ++c) o[c] += in[c] * wt[c];
      }
    }
    for (size_t c = 0; c < g.channels; ++c) {
      const float v = o[c] < p.min ? p.min : o[c];
      o[c] = v > p.max ? p.max : v;
    }
  }
}

}  // namespace tfb
