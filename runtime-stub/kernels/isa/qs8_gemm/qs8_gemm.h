// 8-bit integer GEMM microkernels with a fused requantization: one tile of up
// to MR rows, all `nc` columns,
//   acc[i][j] = bias[j] + sum_k A(a[i][k]) * w[j][k] + p.a_sum_factor * sum_k a[i][k]   (int32, wrapping)
//   c[i][j]   = round_to_even(clamp(acc[i][j] * scale[j], p.min, p.max)) + p.zero_point
// where row i of a is ks segments of kc bytes, segment s starting at
// a + i * a_stride + s * ks_stride (as for the f32 kernels).
//
// Weights are signed 8-bit; activations are bytes read through A(x), the
// kernel's own view of a byte after xor-ing it with p.a_flip: unsigned for
// VNNI (whose dot products take unsigned x signed bytes), signed otherwise.
// Flipping the top bit moves int8 to uint8 or back (x ^ 0x80 = x + 128 mod
// 256). The row-sum term (sum of the raw bytes as unsigned) lets uint8
// weights, whose values minus their zero point span up to 256 values, be
// stored shifted into int8. The prepare folds both shifts into the bias
// (kernels/qs8_gemm.cc). The float steps are XNNPACK's requantization, so
// results are bit-exact with it. Outputs are the low bytes of the clamped
// values (int8 or uint8).
//
// Weights are packed by pack_qs8_gemm_weights for the kernel's NR and KR
// (each segment's depth padded to KR): per block of NR columns, NR int32
// biases, then for each segment and group of KR depths NR x KR weights
// (column-major within the group), then NR float scales. Kernels read only
// the kc bytes of each segment. The portable form of this product is the
// int16 GEMM of kernels/qgemm.h. Declarations only.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tfb {

struct QS8GemmParams {
  uint32_t a_flip;       // xor-ed into every 4 bytes of a: 0x80808080 or 0
  int32_t a_sum_factor;  // times the sum of each row's bytes; 0 skips the sums
  float min, max;        // clamp of acc * scale: the output range minus the zero point
  int32_t zero_point;
};

using QS8GemmUkernel = void (*)(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                size_t ks_stride, const void* w, uint8_t* c, size_t c_stride, const QS8GemmParams& p);

// A unsigned, KR = 4.
void qs8_gemm_ukernel_8x16c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                         size_t ks_stride, const void* w, uint8_t* c, size_t c_stride,
                                         const QS8GemmParams& p);
void qs8_gemm_ukernel_6x32c4__avx512vnni(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                         size_t ks_stride, const void* w, uint8_t* c, size_t c_stride,
                                         const QS8GemmParams& p);
// A signed, KR = 8.
void qs8_gemm_ukernel_2x8c8__avx2(size_t mr, size_t nc, size_t kc, size_t ks, const uint8_t* a, size_t a_stride,
                                  size_t ks_stride, const void* w, uint8_t* c, size_t c_stride, const QS8GemmParams& p);

}  // namespace tfb
