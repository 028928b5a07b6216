// REDUCE_MAX and REDUCE_MIN: the same kernel with the comparison swapped.
// Quantized tensors must share the output's quantization (as in TFLite),
// so values are compared and copied as they are.
#pragma once

#include "interpreter/kernel.h"

namespace tfb {

Status reduce_extremum_prepare(Context& ctx, Node& n);
template <bool kMax>
Status reduce_extremum_eval(Context& ctx, Node& n);

}  // namespace tfb
