// Shared pieces of the convolution-family kernel tests (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV): quantization choices
// per dtype, random operands, and the finishing step (bias, requantization,
// activation) the reference kernels apply to window sums.
#pragma once

#include <cmath>
#include <vector>

#include "kernels/hybrid_quantize.h"
#include "kernels/requantize.h"
#include "support/test_util.h"

namespace tfb::test {

// One quantized or float operand of a test model.
struct Operand {
  DType type = DType::kF32;
  Quant quant;
  NpyArray values;  // constants only
  int32_t zp() const { return quant.zp0(); }
};

inline Quant quant_of(float scale, int64_t zp) { return Quant{{scale}, {zp}, 0}; }

// Input/activation quantization used by the tests for each dtype.
inline Quant activation_quant(DType t) {
  switch (t) {
    case DType::kI8: return quant_of(0.05f, 3);
    case DType::kU8: return quant_of(0.05f, 121);
    case DType::kI16: return quant_of(1.f / 4096, 0);
    default: return {};
  }
}

// Random values covering the dtype's range ([-1, 1] for float).
inline NpyArray random_values(DType t, std::vector<int64_t> shape, uint32_t seed) {
  switch (t) {
    case DType::kI8: return random_array(t, std::move(shape), seed, -128, 127);
    case DType::kU8: return random_array(t, std::move(shape), seed, 0, 255);
    case DType::kI16: return random_array(t, std::move(shape), seed, -32768, 32767);
    default: return random_array(t, std::move(shape), seed);
  }
}

// Filter quantization: int8 symmetric (per channel along `axis` when
// channels > 1), uint8 asymmetric per tensor.
inline Quant filter_quant(DType t, int channels, int axis) {
  Quant q;
  q.axis = axis;
  if (t == DType::kU8) return quant_of(0.02f, 131);
  for (int c = 0; c < channels; ++c) {
    q.scale.push_back(0.01f * (1.f + 0.37f * static_cast<float>(c % 5)));
    q.zero_point.push_back(0);
  }
  return q;
}

// Filter values: int8 symmetric range, uint8 full range.
inline NpyArray filter_values(DType t, std::vector<int64_t> shape, uint32_t seed) {
  if (t == DType::kI8) return random_array(t, std::move(shape), seed, -127, 127);
  return random_values(t, std::move(shape), seed);
}

// An output scale that keeps most outputs of a `depth`-term dot product of
// random operands inside the output range.
inline Quant output_quant(DType t, const Quant& in, const Quant& filter, int64_t depth) {
  const double typical = t == DType::kI16 ? 1.5e4 * 73 : 73.0 * 73.0;  // |x| * |w| of random codes
  const double range = t == DType::kI16 ? 32767 : 127;
  const double s = 2.0 * std::sqrt(static_cast<double>(depth)) * typical * in.scale[0] * filter.scale[0] / range;
  Quant q = activation_quant(t);
  q.scale[0] = static_cast<float>(s);
  return q;
}

// Bias quantization as converters write it (scale = input x filter scale,
// zero point 0); TFLite's XNNPACK delegate only takes quantized convolutions
// whose bias looks like this.
inline Quant bias_quant(const Quant& in, const Quant& filter) {
  Quant q;
  for (float fs : filter.scale) {
    q.scale.push_back(in.scale[0] * fs);
    q.zero_point.push_back(0);
  }
  return q;
}

inline Tensor tensor_like(DType t, const Quant& q) {
  Tensor x;
  x.type = t;
  x.quant = q;
  return x;
}

template <class T> const T* data_of(const NpyArray& a) { return reinterpret_cast<const T*>(a.data.data()); }
template <class T> T* data_of(NpyArray& a) { return reinterpret_cast<T*>(a.data.data()); }

inline NpyArray empty_like(DType t, std::vector<int64_t> shape) {
  NpyArray a{t, std::move(shape), {}};
  a.data.resize(static_cast<size_t>(a.count()) * dtype_size(t));
  return a;
}

// Compares our output with another by dtype: floats within the oracle
// tolerance, integers exactly when `exact`, else within TFLite's step rule.
inline ::testing::AssertionResult same_result(const NpyArray& ours, const NpyArray& ref, bool exact) {
  if (ref.type == DType::kF32) return floats_close(ours, ref);
  return exact ? ints_close(ours, ref, 0, 1.0) : ints_close(ours, ref);
}

}  // namespace tfb::test
