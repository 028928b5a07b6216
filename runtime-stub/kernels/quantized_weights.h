// Prepare-time forms of quantized weights and biases for the integer matmul
// kernels: the filter read in place (QuantFilter) or widened to int16 with its
// zero point removed (both operands int16 let the compiler use 16-bit
// multiply-adds in qgemm.h), and the bias with the input-zero-point term
// folded in, so that
//   bias[r] + sum_p in[p] * w[r][p] == bias[r] + sum_p (in[p] - in_zp) * (w[r][p] - w_zp)
// holds when every padded input is in_zp.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/context.h"
#include "kernels/quant_filter.h"

namespace tfb {

// Checks a quantized filter (int8 with zero point 0, or uint8 per tensor)
// and views it as its values minus the zero point.
Status view_filter(const Tensor& filter, QuantFilter* out);
// The same values widened to int16, as stored.
Status widen_filter(const Tensor& filter, std::vector<int16_t>* out);

// sum_p w[r * depth + p] for each of `rows` rows (W: QuantFilter or int16 values).
template <class W>
std::vector<int64_t> weight_row_sums(const W& w, int64_t rows, int64_t depth) {
  std::vector<int64_t> sums(static_cast<size_t>(rows), 0);
  for (int64_t r = 0; r < rows; ++r) {
    int64_t sum = 0;
    for (int64_t p = 0; p < depth; ++p) sum += w[static_cast<size_t>(r * depth + p)];
    sums[static_cast<size_t>(r)] = sum;
  }
  return sums;
}

// out[r] = bias[r] - input_zp * row_sums[r]; bias may be null (zeros).
// Fails when a value does not fit the accumulator type.
template <class Acc>
Status fold_bias(const Tensor* bias, const std::vector<int64_t>& row_sums, int32_t input_zp, std::vector<Acc>* out);

// Fails unless |bias[r]| + max_abs_input * sum_p |w[r * row_stride + p * step]|
// is at most `limit` for every row r: the worst case of an accumulator, so no
// model can make the integer kernels overflow. max_abs_input bounds
// |input - zero point|.
Status check_accumulator_range(const QuantFilter& w, int64_t rows, int64_t depth, int64_t row_stride, int64_t step,
                               const std::vector<int64_t>& bias, int64_t max_abs_input, int64_t limit);

// Bounds for check_accumulator_range. int8 / uint8 inputs sum in int32;
// int16 inputs in int64, kept within the +-2^47 that TFLite's 64-bit
// requantization accepts.
constexpr int64_t kMaxAbs8BitInput = 255;
constexpr int64_t kMaxAbs16BitInput = 65535;
constexpr int64_t kInt32Limit = 2147483647;
constexpr int64_t kInt64AccLimit = (int64_t{1} << 47) - 1;

// The bias of a quantized op as int64 (int32 or int64 tensor), zeros when
// absent; checks its length.
Status read_bias(const Tensor* bias, int64_t channels, std::vector<int64_t>* out);

}  // namespace tfb
