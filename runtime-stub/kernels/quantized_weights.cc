#include "kernels/quantized_weights.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "kernels/kernel_util.h"

namespace tfb {

Status view_filter(const Tensor& filter, QuantFilter* out) {
  TFB_REQUIRE(!filter.quant.empty(), "filter '%.*s' has no quantization parameters",
              static_cast<int>(filter.name.size()), filter.name.data());
  if (filter.type == DType::kI8) {
    for (int64_t zp : filter.quant.zero_point)
      TFB_SUPPORTED(zp == 0, "int8 filter '%.*s' has zero point %lld; only 0 is supported",
                    static_cast<int>(filter.name.size()), filter.name.data(), static_cast<long long>(zp));
    *out = QuantFilter::int8(filter.data);
    return OkStatus();
  }
  TFB_SUPPORTED(filter.type == DType::kU8, "filter '%.*s' of type %s is not supported",
                static_cast<int>(filter.name.size()), filter.name.data(), dtype_name(filter.type));
  TFB_SUPPORTED(filter.quant.zero_point.size() == 1, "per-channel uint8 filters are not supported");
  const int32_t zp = filter.quant.zp0();
  TFB_REQUIRE(zp >= 0 && zp <= 255, "uint8 filter zero point %d is out of range", zp);
  *out = QuantFilter::uint8(filter.data, zp);
  return OkStatus();
}

Status widen_filter(const Tensor& filter, std::vector<int16_t>* out) {
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  // assign() converts while it copies: no zero fill of megabytes first.
  if (filter.type == DType::kI8) {
    out->assign(filter.as<int8_t>(), filter.as<int8_t>() + filter.count());
    return OkStatus();
  }
  out->assign(filter.data, filter.data + filter.count());
  for (int16_t& v : *out) v = static_cast<int16_t>(v - w.offset);
  return OkStatus();
}

Status check_accumulator_range(const QuantFilter& w, int64_t rows, int64_t depth, int64_t row_stride, int64_t step,
                               const std::vector<int64_t>& bias, int64_t max_abs_input, int64_t limit) {
  for (int64_t r = 0; r < rows; ++r) {
    const int64_t sum = w.from(static_cast<size_t>(r * row_stride)).row_stats(depth, step).abs_sum;
    const int64_t b = r < static_cast<int64_t>(bias.size()) ? bias[r] : 0;
    const bool fits = sum <= (int64_t{1} << 40) && b >= -limit && b <= limit && std::abs(b) + max_abs_input * sum <= limit;
    TFB_SUPPORTED(fits, "the integer sums of output channel %lld could overflow", static_cast<long long>(r));
  }
  return OkStatus();
}

Status read_bias(const Tensor* bias, int64_t channels, std::vector<int64_t>* out) {
  out->assign(static_cast<size_t>(channels), 0);
  if (!bias) return OkStatus();
  TFB_REQUIRE(bias->count() == channels, "bias has %lld values for %lld output channels",
              static_cast<long long>(bias->count()), static_cast<long long>(channels));
  TFB_SUPPORTED(bias->type == DType::kI32 || bias->type == DType::kI64, "quantized bias of type %s is not supported",
                dtype_name(bias->type));
  read_int_values(*bias, out);
  return OkStatus();
}

template <class Acc>
Status fold_bias(const Tensor* bias, const std::vector<int64_t>& row_sums, int32_t input_zp, std::vector<Acc>* out) {
  std::vector<int64_t> b;
  TFB_RETURN_IF_ERROR(read_bias(bias, static_cast<int64_t>(row_sums.size()), &b));
  out->resize(row_sums.size());
  for (size_t r = 0; r < row_sums.size(); ++r) {
    int64_t term, v;
    const bool overflow = __builtin_mul_overflow(int64_t{input_zp}, row_sums[r], &term) ||
                          __builtin_sub_overflow(b[r], term, &v) || v < std::numeric_limits<Acc>::min() ||
                          v > std::numeric_limits<Acc>::max();
    TFB_SUPPORTED(!overflow, "bias of channel %zu overflows the accumulator", r);
    (*out)[r] = static_cast<Acc>(v);
  }
  return OkStatus();
}

template Status fold_bias<int32_t>(const Tensor*, const std::vector<int64_t>&, int32_t, std::vector<int32_t>*);
template Status fold_bias<int64_t>(const Tensor*, const std::vector<int64_t>&, int32_t, std::vector<int64_t>*);

}  // namespace tfb
