#include "kernels/f32_dwconv.h"

#include <algorithm>

#include "kernels/weight_packing.h"

namespace tfb {

DwconvRow dwconv_row(const ConvGeometry& g) {
  DwconvRow r;
  r.channels = g.out_c;
  r.kh = g.filter_h;
  r.kw = g.filter_w;
  r.in_w = g.in_w;
  r.out_w = g.out_w;
  r.stride = g.stride_w;
  r.dilation = g.dilation_w;
  r.pad_left = g.pad_left;
  // Output x reads columns x * stride - pad_left + kx * dilation, kx < kw.
  const int64_t span = int64_t{g.filter_w - 1} * g.dilation_w;
  const int64_t first = (int64_t{g.pad_left} + g.stride_w - 1) / g.stride_w;
  const int64_t limit = int64_t{g.in_w} - 1 + g.pad_left - span;  // x * stride <= limit
  const int64_t end = limit < 0 ? 0 : limit / g.stride_w + 1;
  r.x_begin = static_cast<size_t>(std::min<int64_t>(first, g.out_w));
  r.x_end = static_cast<size_t>(std::clamp<int64_t>(end, r.x_begin, g.out_w));
  return r;
}

void F32Dwconv::pack(const ConvGeometry& g, const float* filter, const float* bias) {
  g_ = g;
  row_ = dwconv_row(g);
  kernel_ = f32_dwconv_kernel(g.filter_h, g.filter_w);
  const size_t cb = kernel_.cb ? kernel_.cb : g.out_c;
  const size_t taps = g.taps();
  packed_.resize(f32_dwconv_packed_size(cb, g.out_c, taps) * sizeof(float));
  pack_f32_dwconv_weights(cb, g.out_c, taps, filter, bias, reinterpret_cast<float*>(packed_.data()));
  zero_row_.assign(static_cast<size_t>(g.in_w) * g.in_c, 0.f);
}

void F32Dwconv::run_rows(const float* in, float* out, FloatRange act, int64_t r0, int64_t r1) const {
  const F32MinMax mm{act.min, act.max};
  const float* row_ptrs[kMaxDwconvRows];
  const int64_t row_elems = int64_t{g_.in_w} * g_.in_c;
  for (int64_t r = r0; r < r1; ++r) {
    const int64_t b = r / g_.out_h, oy = r % g_.out_h;
    for (int ky = 0; ky < g_.filter_h; ++ky) {
      const int64_t iy = oy * g_.stride_h - g_.pad_top + int64_t{ky} * g_.dilation_h;
      row_ptrs[ky] = iy < 0 || iy >= g_.in_h ? zero_row_.data() : in + (b * g_.in_h + iy) * row_elems;
    }
    kernel_.ukernel(row_, row_ptrs, reinterpret_cast<const float*>(packed_.data()), out + r * g_.out_w * g_.out_c, mm);
  }
}

}  // namespace tfb
