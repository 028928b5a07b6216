// Portable 8-bit depthwise convolution, any filter size: channels in chunks
// of 64 int32 sums, taps outer. Also the oracle the ISA kernels are tested
// against.
#include <cstring>

#include "kernels/isa/qs8_dwconv/qs8_dwconv.h"

namespace tfb {
namespace {

// x rounded to the nearest integer, ties to even, for |x| <= 2^22.
inline int32_t round_even(float x) {
  const float shifted = x + 12582912.0f;  // 1.5 * 2^23
  int32_t bits;
  std::memcpy(&bits, &shifted, sizeof(bits));
  return bits - 0x4B400000;
}

template <class T>
void dwconv(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* packed, uint8_t* out,
            const QS8DwconvParams& p) {
  constexpr size_t kChunk = 64;
  const size_t C = g.channels, taps = g.kh * g.kw;
  const int32_t* bias = static_cast<const int32_t*>(packed);
  const int32_t* w = bias + C;
  const float* scale = reinterpret_cast<const float*>(w + taps * C);
  for (size_t x = 0; x < g.out_w; ++x)
    for (size_t c0 = 0; c0 < C; c0 += kChunk) {
      const size_t n = C - c0 < kChunk ? C - c0 : kChunk;
      uint32_t acc[kChunk];  // wrapping, like the vector kernels; the true sum fits
      for (size_t c = 0; c < n; ++c) acc[c] = static_cast<uint32_t>(bias[c0 + c]);
      for (size_t ky = 0; ky < g.kh; ++ky)
        for (size_t kx = 0; kx < g.kw; ++kx) {
          // Input column x * stride + kx * dilation - pad_left; zero points outside the row.
          const size_t ix = x * g.stride + kx * g.dilation;
          const bool inside = ix >= g.pad_left && ix - g.pad_left < g.in_w;
          const T* in = reinterpret_cast<const T*>(inside ? rows[ky] + (ix - g.pad_left) * C : zero) + c0;
          // The low 16 bits of each weight lane hold the weight.
          const int32_t* wt = w + (ky * g.kw + kx) * C + c0;
          for (size_t c = 0; c < n; ++c) acc[c] += static_cast<uint32_t>(int32_t{in[c]} * static_cast<int16_t>(wt[c]));
        }
      uint8_t* o = out + x * C + c0;
      for (size_t c = 0; c < n; ++c) {
        float v = static_cast<float>(static_cast<int32_t>(acc[c])) * scale[c0 + c];
        v = v < p.min ? p.min : (v > p.max ? p.max : v);
        o[c] = static_cast<uint8_t>(round_even(v) + p.zero_point);
      }
    }
}

}  // namespace

void qs8_dwconv_ukernel__scalar(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                uint8_t* out, const QS8DwconvParams& p) {
  dwconv<int8_t>(g, rows, zero, w, out, p);
}

void qu8_dwconv_ukernel__scalar(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                uint8_t* out, const QS8DwconvParams& p) {
  dwconv<uint8_t>(g, rows, zero, w, out, p);
}

}  // namespace tfb
