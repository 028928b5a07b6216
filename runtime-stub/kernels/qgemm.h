// Integer matrix product for quantized convolutions and fully connected layers:
//   acc[i][j] = bias[j] + sum_p a[i][p] * b[j][p]
// `a` holds activations as stored (int8, uint8 or int16, zero point
// included), `b` the weights with their zero point removed (int8, or int16
// when it had to be subtracted), `bias` the layer bias with the
// activation-zero-point term folded in. Accumulators are int32, int64 for
// int16 activations (as TFLite). The p loops are written so the compiler
// turns them into widening multiply-adds; a block of 2 rows x 4 columns
// shares each load.
#pragma once

#include <cstdint>

namespace tfb {

template <class TA, class TB, class Acc>
void qgemm(const TA* a, int64_t lda, const TB* b, int64_t ldb, const Acc* bias, int rows, int cols, int depth,
           Acc* acc, int64_t ldc) {
  int i = 0;
  for (; i + 2 <= rows; i += 2) {
    const TA* a0 = a + i * lda;
    const TA* a1 = a0 + lda;
    Acc* c0 = acc + i * ldc;
    Acc* c1 = c0 + ldc;
    int j = 0;
    for (; j + 4 <= cols; j += 4) {
      const TB* b0 = b + j * ldb;
      const TB* b1 = b0 + ldb;
      const TB* b2 = b1 + ldb;
      const TB* b3 = b2 + ldb;
      Acc s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (int p = 0; p < depth; ++p) {
        const Acc x0 = a0[p], x1 = a1[p];
        const Acc w0 = b0[p], w1 = b1[p], w2 = b2[p], w3 = b3[p];
        s00 += x0 * w0;
        s01 += x0 * w1;
        s02 += x0 * w2;
        s03 += x0 * w3;
        s10 += x1 * w0;
        s11 += x1 * w1;
        s12 += x1 * w2;
        s13 += x1 * w3;
      }
      c0[j] = bias[j] + s00, c0[j + 1] = bias[j + 1] + s01, c0[j + 2] = bias[j + 2] + s02;
      c0[j + 3] = bias[j + 3] + s03;
      c1[j] = bias[j] + s10, c1[j + 1] = bias[j + 1] + s11, c1[j + 2] = bias[j + 2] + s12;
      c1[j + 3] = bias[j + 3] + s13;
    }
    for (; j < cols; ++j) {
      const TB* bj = b + j * ldb;
      Acc s0 = 0, s1 = 0;
      for (int p = 0; p < depth; ++p) {
        s0 += Acc{a0[p]} * bj[p];
        s1 += Acc{a1[p]} * bj[p];
      }
      c0[j] = bias[j] + s0;
      c1[j] = bias[j] + s1;
    }
  }
  for (; i < rows; ++i) {
    const TA* ai = a + i * lda;
    Acc* ci = acc + i * ldc;
    int j = 0;
    for (; j + 4 <= cols; j += 4) {
      const TB* b0 = b + j * ldb;
      const TB* b1 = b0 + ldb;
      const TB* b2 = b1 + ldb;
      const TB* b3 = b2 + ldb;
      Acc s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int p = 0; p < depth; ++p) {
        const Acc x = ai[p];
        s0 += x * b0[p];
        s1 += x * b1[p];
        s2 += x * b2[p];
        s3 += x * b3[p];
      }
      ci[j] = bias[j] + s0, ci[j + 1] = bias[j + 1] + s1, ci[j + 2] = bias[j + 2] + s2, ci[j + 3] = bias[j + 3] + s3;
    }
    for (; j < cols; ++j) {
      const TB* bj = b + j * ldb;
      Acc s = 0;
      for (int p = 0; p < depth; ++p) s += Acc{ai[p]} * bj[p];
      ci[j] = bias[j] + s;
    }
  }
}

}  // namespace tfb
