#include "kernels/packed_dwconv.h"

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

namespace {

// Calls kernel(rows, r) for output rows [r0, r1), rows[ky] being the input
// row (of in_w x channels elements) tap row ky reads, or `zero`.
template <class T, class Kernel>
void for_each_row(const ConvGeometry& g, const T* in, const T* zero, int64_t r0, int64_t r1, Kernel kernel) {
  const T* rows[kMaxDwconvRows];
  const int64_t row_elems = int64_t{g.in_w} * g.in_c;
  for (int64_t r = r0; r < r1; ++r) {
    const int64_t b = r / g.out_h, oy = r % g.out_h;
    for (int ky = 0; ky < g.filter_h; ++ky) {
      const int64_t iy = oy * g.stride_h - g.pad_top + int64_t{ky} * g.dilation_h;
      rows[ky] = iy < 0 || iy >= g.in_h ? zero : in + (b * g.in_h + iy) * row_elems;
    }
    kernel(rows, r);
  }
}

}  // namespace

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
  const float* w = reinterpret_cast<const float*>(packed_.data());
  for_each_row(g_, in, zero_row_.data(), r0, r1, [&](const float* const* rows, int64_t r) {
    kernel_.ukernel(row_, rows, w, out + r * g_.out_w * g_.out_c, mm);
  });
}

void QS8Dwconv::pack(const ConvGeometry& g, DType input, int32_t input_zp, const QuantFilter& w,
                     const std::vector<int64_t>& bias, const Requantization& rq) {
  g_ = g;
  row_ = dwconv_row(g);
  kernel_ = qs8_dwconv_kernel(g.filter_h, g.filter_w, input);
  const size_t C = g.out_c, taps = g.taps();
  // Padding reads zero points, so every tap contributes x * w and
  // sum (x - zp) * w = sum x * w - zp * sum w: the second term moves into the
  // bias (wrapping in int32 like the kernels; the true sum fits).
  std::vector<int32_t> folded(C);
  for (size_t c = 0; c < C; ++c) {
    int64_t sum = 0;
    for (size_t t = 0; t < taps; ++t) sum += w[t * C + c];
    const int64_t b = bias.empty() ? 0 : bias[c];
    folded[c] = static_cast<int32_t>(static_cast<uint32_t>(b - int64_t{input_zp} * sum));
  }
  const size_t cb = kernel_.cb ? kernel_.cb : C;
  packed_.resize(qs8_dwconv_packed_size(cb, C, taps));
  pack_qs8_dwconv_weights(cb, C, taps, w, folded.data(), rq.scale.data(), packed_.data());
  zero_row_.assign(static_cast<size_t>(g.in_w) * g.in_c, static_cast<uint8_t>(input_zp));
  params_.min = static_cast<float>(rq.range.min - rq.zero_point);
  params_.max = static_cast<float>(rq.range.max - rq.zero_point);
  params_.zero_point = rq.zero_point;
}

void QS8Dwconv::run_rows(const void* in, void* out, int64_t r0, int64_t r1) const {
  uint8_t* o = static_cast<uint8_t*>(out);
  for_each_row(g_, static_cast<const uint8_t*>(in), zero_row_.data(), r0, r1,
               [&](const uint8_t* const* rows, int64_t r) {
                 kernel_.ukernel(row_, rows, zero_row_.data(), packed_.data(), o + r * g_.out_w * g_.out_c, params_);
               });
}

}  // namespace tfb
