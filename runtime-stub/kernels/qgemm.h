// Integer matrix product for quantized convolutions and fully connected layers:
//   acc[i][j] = bias[j] + sum_p a[i][p] * b[j][p]
// Both operands are int16: `a` the activations as stored (zero point
// included, widened from int8 / uint8 / int16), `b` the weights with their
// zero point removed; `bias` is the layer bias with the activation-zero-point
// term folded in. Accumulators are int32, or int64 for int16 activations (as
// in TFLite). The p loops are 16-bit dot products, which the compiler turns
// into multiply-add instructions; a block of 2 rows x 4 columns shares each
// load.
#pragma once

#include <cstdint>

namespace tfb {

// Copies `rows` rows of `depth` values (row stride lda) into int16 rows.
template <class T>
void widen_rows(const T* a, int64_t lda, int rows, int64_t depth, int16_t* out) {
  for (int i = 0; i < rows; ++i)
    for (int64_t p = 0; p < depth; ++p) out[i * depth + p] = static_cast<int16_t>(a[i * lda + p]);
}

template <class Acc>
void qgemm(const int16_t* a, int64_t lda, const int16_t* b, int64_t ldb, const Acc* bias, int rows, int cols,
           int depth, Acc* acc, int64_t ldc) {
  int i = 0;
  for (; i + 2 <= rows; i += 2) {
    const int16_t* a0 = a + i * lda;
    const int16_t* a1 = a0 + lda;
    Acc* c0 = acc + i * ldc;
    Acc* c1 = c0 + ldc;
    int j = 0;
    for (; j + 4 <= cols; j += 4) {
      const int16_t* b0 = b + j * ldb;
      const int16_t* b1 = b0 + ldb;
      const int16_t* b2 = b1 + ldb;
      const int16_t* b3 = b2 + ldb;
      Acc s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (int p = 0; p < depth; ++p) {
        s00 += Acc{a0[p]} * b0[p];
        s01 += Acc{a0[p]} * b1[p];
        s02 += Acc{a0[p]} * b2[p];
        s03 += Acc{a0[p]} * b3[p];
        s10 += Acc{a1[p]} * b0[p];
        s11 += Acc{a1[p]} * b1[p];
        s12 += Acc{a1[p]} * b2[p];
        s13 += Acc{a1[p]} * b3[p];
      }
      c0[j] = bias[j] + s00, c0[j + 1] = bias[j + 1] + s01, c0[j + 2] = bias[j + 2] + s02;
      c0[j + 3] = bias[j + 3] + s03;
      c1[j] = bias[j] + s10, c1[j + 1] = bias[j + 1] + s11, c1[j + 2] = bias[j + 2] + s12;
      c1[j + 3] = bias[j + 3] + s13;
    }
    for (; j < cols; ++j) {
      const int16_t* bj = b + j * ldb;
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
    const int16_t* ai = a + i * lda;
    Acc* ci = acc + i * ldc;
    int j = 0;
    for (; j + 4 <= cols; j += 4) {
      const int16_t* b0 = b + j * ldb;
      const int16_t* b1 = b0 + ldb;
      const int16_t* b2 = b1 + ldb;
      const int16_t* b3 = b2 + ldb;
      Acc s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (int p = 0; p < depth; ++p) {
        s0 += Acc{ai[p]} * b0[p];
        s1 += Acc{ai[p]} * b1[p];
        s2 += Acc{ai[p]} * b2[p];
        s3 += Acc{ai[p]} * b3[p];
      }
      ci[j] = bias[j] + s0, ci[j + 1] = bias[j + 1] + s1, ci[j + 2] = bias[j + 2] + s2, ci[j + 3] = bias[j + 3] + s3;
    }
    for (; j < cols; ++j) {
      const int16_t* bj = b + j * ldb;
      Acc s = 0;
      for (int p = 0; p < depth; ++p) s += Acc{ai[p]} * bj[p];
      ci[j] = bias[j] + s;
    }
  }
}

}  // namespace tfb
