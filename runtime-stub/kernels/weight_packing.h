// Weight layouts the microkernels read (kernels/isa/), built once in prepare.
#pragma once

#include <cstddef>
#include <cstdint>

#include "kernels/quant_filter.h"

namespace tfb {

// GEMM weights are given as w(j, p) = w[j * n_stride + p * k_stride] for
// output column j < n and depth p < k, so [n][k] filters and [k][n] matrices
// pack without a transpose first.

// f32 GEMM: per block of nr columns, nr biases then k rows of nr weights; columns
// past n are zero. Size in floats.
size_t f32_gemm_packed_size(size_t nr, size_t n, size_t k);
// bias may be null (zeros).
void pack_f32_gemm_weights(size_t nr, size_t n, size_t k, const float* w, size_t n_stride, size_t k_stride,
                           const float* bias, float* out);
// The packed block holding column j0 (a multiple of nr).
inline const float* f32_gemm_packed_columns(const float* packed, size_t nr, size_t k, size_t j0) {
  return packed + j0 * (k + 1);
}

// 8-bit GEMM (kernels/isa/qs8_gemm/qs8_gemm.h): depth is ks segments of kc
// (p = s * kc + q), each padded with zeros to a multiple of kr. Per block of
// nr columns: nr int32 biases, then for each segment and group of kr depths
// nr x kr weights, each column's kr contiguous, then nr float scales. Stores
// w - delta, each in [-128, 127]. Size in bytes.
size_t qs8_gemm_packed_size(size_t nr, size_t kr, size_t n, size_t ks, size_t kc);
void pack_qs8_gemm_weights(size_t nr, size_t kr, size_t n, size_t ks, size_t kc, const QuantFilter& w, size_t n_stride,
                           size_t k_stride, int32_t delta, const int32_t* bias, const float* scale, uint8_t* out);
// The packed block holding column j0 (a multiple of nr).
inline const uint8_t* qs8_gemm_packed_columns(const uint8_t* packed, size_t nr, size_t kr, size_t ks, size_t kc,
                                              size_t j0) {
  return packed + j0 * (8 + ks * ((kc + kr - 1) / kr * kr));
}

// f32 depthwise: per block of cb channels, cb biases then one vector of cb
// weights per tap; channels past `channels` are zero. The filter is
// [taps][channels]. Size in floats.
size_t f32_dwconv_packed_size(size_t cb, size_t channels, size_t taps);
void pack_f32_dwconv_weights(size_t cb, size_t channels, size_t taps, const float* filter, const float* bias,
                             float* out);

// 8-bit depthwise (kernels/isa/qs8_dwconv/qs8_dwconv.h): per block of cb
// channels, cb int32 biases, one vector of cb weights per tap (int32 lanes
// holding the weight in the low 16 bits, zero above), cb float scales;
// channels past `channels` are zero. w is [taps][channels]. Size in bytes.
size_t qs8_dwconv_packed_size(size_t cb, size_t channels, size_t taps);
void pack_qs8_dwconv_weights(size_t cb, size_t channels, size_t taps, const QuantFilter& w, const int32_t* bias,
                             const float* scale, uint8_t* out);

}  // namespace tfb
