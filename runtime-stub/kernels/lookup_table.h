// Quantized 8-bit activations as a 256-entry table: every possible input
// is dequantized, transformed in float and requantized (round half to even,
// as XNNPACK's lrintf) once at prepare. XNNPACK runs int8/uint8 LOGISTIC
// and TANH this way (TFLite's builtin kernels build the same table with
// half-away rounding; the two differ only on exact ties).
#pragma once

#include <cstdint>

#include "interpreter/tensor.h"

namespace tfb {

struct LookupTable {
  uint8_t value[256];  // indexed by the input's byte
};

// Fills `t` for T = int8_t or uint8_t inputs and outputs.
template <class T>
void build_lookup_table(float (*fn)(float), const Tensor& in, const Tensor& out, LookupTable* t);

template <class T>
void apply_lookup_table(const LookupTable& t, const Tensor& in, Tensor& out) {
  const uint8_t* src = in.as<uint8_t>();
  T* dst = out.as<T>();
  const int64_t count = in.count();
  for (int64_t i = 0; i < count; ++i) dst[i] = static_cast<T>(t.value[src[i]]);
}

}  // namespace tfb
