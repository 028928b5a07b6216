// AVX2 8-bit 3 x 3 depthwise convolution: 8 channels at a time, their nine
// weight vectors, bias and scales held in registers while the block sweeps
// the row. Each tap widens 8 input bytes to int32 lanes and multiplies with
// vpmaddwd (the weights' high 16 bits are zero). The last block of a channel
// count that is not a multiple of 8 copies its bytes, so no load or store
// leaves the tensors.
#include <immintrin.h>

#include <cstring>

#include "kernels/isa/qs8_dwconv/qs8_dwconv.h"

namespace tfb {
namespace {

template <bool kSigned, bool kPartial>
struct Lanes {
  size_t n;  // channels in the block (kPartial)
  __m256i load(const uint8_t* p) const {
    __m128i bytes;
    if (kPartial) {
      uint64_t v = 0;
      std::memcpy(&v, p, n);
      bytes = _mm_cvtsi64_si128(static_cast<int64_t>(v));
    } else {
      bytes = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(p));
    }
    return kSigned ? _mm256_cvtepi8_epi32(bytes) : _mm256_cvtepu8_epi32(bytes);
  }
  // Stores 8 clamped int32 lanes as bytes.
  void store(uint8_t* p, __m256i v) const {
    const __m128i words = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    const __m128i bytes = kSigned ? _mm_packs_epi16(words, words) : _mm_packus_epi16(words, words);
    if (kPartial) {
      const uint64_t b = static_cast<uint64_t>(_mm_cvtsi128_si64(bytes));
      std::memcpy(p, &b, n);
    } else {
      _mm_storel_epi64(reinterpret_cast<__m128i*>(p), bytes);
    }
  }
};

template <bool kSigned, bool kPartial>
void block(const DwconvRow& g, const uint8_t* r0, const uint8_t* r1, const uint8_t* r2, const uint8_t* zero,
           const uint8_t* w, uint8_t* o, Lanes<kSigned, kPartial> lanes, const QS8DwconvParams& p) {
  const size_t C = g.channels;
  const size_t step = g.stride * C, dil = g.dilation * C;
  const __m256 vmin = _mm256_set1_ps(p.min), vmax = _mm256_set1_ps(p.max);
  const __m256i zp = _mm256_set1_epi32(p.zero_point);
  const __m256i bias = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w));
  __m256i wt[9];
#pragma GCC unroll 9
  for (int t = 0; t < 9; ++t) wt[t] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + 32 * (t + 1)));
  const __m256 scale = _mm256_loadu_ps(reinterpret_cast<const float*>(w + 32 * 10));
  const uint8_t* r[3] = {r0, r1, r2};
  auto finish = [&](__m256i acc, uint8_t* dst) {
    __m256 f = _mm256_mul_ps(_mm256_cvtepi32_ps(acc), scale);
    f = _mm256_min_ps(_mm256_max_ps(f, vmin), vmax);
    lanes.store(dst, _mm256_add_epi32(_mm256_cvtps_epi32(f), zp));
  };
  // Edge outputs: columns outside the row read zero points.
  auto edge = [&](size_t x) {
    __m256i acc = bias;
#pragma GCC unroll 3
    for (int kx = 0; kx < 3; ++kx) {
      const size_t ix = x * g.stride + kx * g.dilation;
      const bool inside = ix >= g.pad_left && ix - g.pad_left < g.in_w;
#pragma GCC unroll 3
      for (int ky = 0; ky < 3; ++ky) {
        const uint8_t* src = inside ? r[ky] + (ix - g.pad_left) * C : zero;
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(lanes.load(src), wt[3 * ky + kx]));
      }
    }
    finish(acc, o + x * C);
  };
  for (size_t x = 0; x < g.x_begin; ++x) edge(x);
  if (g.x_begin < g.x_end) {
    const size_t first = (g.x_begin * g.stride - g.pad_left) * C;
    const uint8_t* a0 = r0 + first;
    const uint8_t* a1 = r1 + first;
    const uint8_t* a2 = r2 + first;
    uint8_t* ox = o + g.x_begin * C;
    for (size_t x = g.x_begin; x < g.x_end; ++x, a0 += step, a1 += step, a2 += step, ox += C) {
      __m256i s0 = _mm256_add_epi32(bias, _mm256_madd_epi16(lanes.load(a0), wt[0]));
      __m256i s1 = _mm256_madd_epi16(lanes.load(a1), wt[3]);
      __m256i s2 = _mm256_madd_epi16(lanes.load(a2), wt[6]);
      s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(lanes.load(a0 + dil), wt[1]));
      s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(lanes.load(a1 + dil), wt[4]));
      s2 = _mm256_add_epi32(s2, _mm256_madd_epi16(lanes.load(a2 + dil), wt[7]));
      s0 = _mm256_add_epi32(s0, _mm256_madd_epi16(lanes.load(a0 + 2 * dil), wt[2]));
      s1 = _mm256_add_epi32(s1, _mm256_madd_epi16(lanes.load(a1 + 2 * dil), wt[5]));
      s2 = _mm256_add_epi32(s2, _mm256_madd_epi16(lanes.load(a2 + 2 * dil), wt[8]));
      finish(_mm256_add_epi32(_mm256_add_epi32(s0, s1), s2), ox);
    }
  }
  for (size_t x = g.x_end > g.x_begin ? g.x_end : g.x_begin; x < g.out_w; ++x) edge(x);
}

template <bool kSigned>
void dwconv(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* packed, uint8_t* out,
            const QS8DwconvParams& p) {
  const size_t C = g.channels;
  const uint8_t* w = static_cast<const uint8_t*>(packed);
  size_t c = 0;
  for (; c + 8 <= C; c += 8, w += 32 * 11)
    block(g, rows[0] + c, rows[1] + c, rows[2] + c, zero + c, w, out + c, Lanes<kSigned, false>{8}, p);
  if (c < C) block(g, rows[0] + c, rows[1] + c, rows[2] + c, zero + c, w, out + c, Lanes<kSigned, true>{C - c}, p);
}

}  // namespace

void qs8_dwconv_ukernel_3x3__avx2(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                  uint8_t* out, const QS8DwconvParams& p) {
  dwconv<true>(g, rows, zero, w, out, p);
}

void qu8_dwconv_ukernel_3x3__avx2(const DwconvRow& g, const uint8_t* const* rows, const uint8_t* zero, const void* w,
                                  uint8_t* out, const QS8DwconvParams& p) {
  dwconv<false>(g, rows, zero, w, out, p);
}

}  // namespace tfb
