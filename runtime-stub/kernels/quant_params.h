// Checks on the quantization parameters kernels rely on.
#pragma once

#include "interpreter/status.h"
#include "interpreter/tensor.h"

namespace tfb {

// True for the dtypes whose values are affine-quantized (int8, uint8, int16).
bool is_quantized_type(DType t);

// Fails unless `t` has one positive finite scale and a zero point inside
// its dtype's range (per-tensor quantization).
Status require_per_tensor_quant(const Tensor& t, const char* what);

// Fails unless `t` has the given scale and zero point (ops whose output
// quantization is fixed by the spec, e.g. SOFTMAX and LOGISTIC).
Status require_quant(const Tensor& t, const char* what, float scale, int32_t zero_point);

}  // namespace tfb
