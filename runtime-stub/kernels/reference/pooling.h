// Reference 2D pooling over NHWC: for every output element, loop over its
// full filter window and skip taps outside the input. The fast kernel
// (pooling.cc) clips windows and runs channels innermost; tests compare.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tfb::reference {

struct Pool2D {
  int batches, in_h, in_w, depth;
  int filter_h, filter_w, stride_h, stride_w;
  int pad_top, pad_left, out_h, out_w;
};

// Float average (max when `max` is set), clamped to [lo, hi].
inline void pool_float(const Pool2D& p, bool max, const float* in, float* out, float lo, float hi) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.out_h; ++oy)
      for (int ox = 0; ox < p.out_w; ++ox)
        for (int c = 0; c < p.depth; ++c) {
          float acc = max ? std::numeric_limits<float>::lowest() : 0.f;
          int count = 0;
          for (int fy = 0; fy < p.filter_h; ++fy)
            for (int fx = 0; fx < p.filter_w; ++fx) {
              const int y = oy * p.stride_h - p.pad_top + fy, x = ox * p.stride_w - p.pad_left + fx;
              if (y < 0 || y >= p.in_h || x < 0 || x >= p.in_w) continue;
              const float v = in[((int64_t{b} * p.in_h + y) * p.in_w + x) * p.depth + c];
              acc = max ? std::max(acc, v) : acc + v;
              ++count;
            }
          if (!max) acc = count ? acc / static_cast<float>(count) : 0.f;
          out[((int64_t{b} * p.out_h + oy) * p.out_w + ox) * p.depth + c] = std::clamp(acc, lo, hi);
        }
}

// Quantized average (rounded half away from zero) or max, clamped to [lo, hi].
template <class T>
void pool_quantized(const Pool2D& p, bool max, const T* in, T* out, int32_t lo, int32_t hi) {
  for (int b = 0; b < p.batches; ++b)
    for (int oy = 0; oy < p.out_h; ++oy)
      for (int ox = 0; ox < p.out_w; ++ox)
        for (int c = 0; c < p.depth; ++c) {
          int32_t acc = max ? std::numeric_limits<T>::lowest() : 0;
          int32_t count = 0;
          for (int fy = 0; fy < p.filter_h; ++fy)
            for (int fx = 0; fx < p.filter_w; ++fx) {
              const int y = oy * p.stride_h - p.pad_top + fy, x = ox * p.stride_w - p.pad_left + fx;
              if (y < 0 || y >= p.in_h || x < 0 || x >= p.in_w) continue;
              const int32_t v = in[((int64_t{b} * p.in_h + y) * p.in_w + x) * p.depth + c];
              acc = max ? std::max(acc, v) : acc + v;
              ++count;
            }
          if (!max && count) {
            const double mean = static_cast<double>(acc) / count;
            acc = static_cast<int32_t>(std::round(mean));  // half away from zero
          }
          out[((int64_t{b} * p.out_h + oy) * p.out_w + ox) * p.depth + c] = static_cast<T>(std::clamp(acc, lo, hi));
        }
}

}  // namespace tfb::reference
