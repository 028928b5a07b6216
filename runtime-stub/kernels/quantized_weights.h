// Prepare-time forms of quantized weights and biases for the integer matmul
// kernels (qgemm.h): weight rows with their zero point removed, and the bias
// with the input-zero-point term folded in, so that
//   bias[r] + sum_p in[p] * w[r][p] == bias[r] + sum_p (in[p] - in_zp) * (w[r][p] - w_zp)
// holds when every padded input is in_zp.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/context.h"

namespace tfb {

struct PackedWeights {
  const int8_t* w8 = nullptr;  // int8 weights (zero point 0): the model's data or own8
  std::vector<int8_t> own8;
  std::vector<int16_t> w16;  // uint8 weights minus their zero point
  bool wide() const { return w8 == nullptr; }
};

// Packs `filter` (int8 or uint8, constant) as stored, row-major.
Status pack_weights(const Tensor& filter, PackedWeights* out);

// Same for weights already copied into `values` in the row order the kernel
// wants (TRANSPOSE_CONV reorders its filter first).
void pack_weights(DType type, int32_t zero_point, std::vector<uint8_t> values, PackedWeights* out);

// sum_p (w[r][p] - w_zp) for each of `rows` rows of `depth` values.
std::vector<int64_t> weight_row_sums(const PackedWeights& w, int64_t rows, int64_t depth);

// out[r] = bias[r] - input_zp * row_sums[r]; bias may be null (zeros).
// Fails when a value does not fit the accumulator type.
template <class Acc>
Status fold_bias(const Tensor* bias, const std::vector<int64_t>& row_sums, int32_t input_zp, std::vector<Acc>* out);

// The bias of a quantized op as int64 (int32 or int64 tensor), zeros when
// absent; checks its length.
Status read_bias(const Tensor* bias, int64_t channels, std::vector<int64_t>* out);

}  // namespace tfb
