// Shared by the reduction kernels (MEAN, SUM, REDUCE_MAX, REDUCE_MIN,
// REDUCE_PROD): axis handling, output shape, and one loop that folds every
// input element into its output slot.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/context.h"

namespace tfb {

struct ReducePlan {
  // The input with size-1 dimensions dropped and neighbours of the same
  // kind (reduced or kept) merged.
  int rank = 0;
  int64_t dim[kMaxRank] = {};
  bool reduced[kMaxRank] = {};
  int64_t out_stride[kMaxRank] = {};  // 0 along reduced dimensions
  int64_t input_count = 0, output_count = 0;
  int64_t reduce_count = 1;  // input elements folded into each output
  // The request as written, for kernels whose arithmetic depends on it
  // (TFLite picks different quantized MEAN kernels by axes and rank).
  std::vector<int64_t> axes;
  bool keep_dims = false;
  int input_rank = 0;
};

// Reads the axes (input 1; deferring when computed at run time), checks
// them, sets the output shape and fills the plan.
Status prepare_reduction(Context& ctx, Node& n, ReducePlan* plan);

// Folds each input element into its output slot: fold(acc[slot], in[i]).
// acc must hold plan.output_count initialized values.
template <class In, class Acc, class Fold>
void reduce_into(const ReducePlan& p, const In* in, Acc* acc, Fold fold) {
  if (p.input_count == 0) return;
  const int last = p.rank - 1;
  const int64_t inner = p.dim[last];
  int64_t idx[kMaxRank] = {};
  int64_t out = 0;
  for (int64_t i = 0; i < p.input_count; i += inner) {
    Acc* a = acc + out;
    if (p.reduced[last]) {
      for (int64_t k = 0; k < inner; ++k) fold(a[0], in[i + k]);
    } else {
      for (int64_t k = 0; k < inner; ++k) fold(a[k], in[i + k]);
    }
    for (int d = last - 1; d >= 0; --d) {  // odometer over the outer dimensions
      out += p.out_stride[d];
      if (++idx[d] < p.dim[d]) break;
      out -= p.out_stride[d] * p.dim[d];
      idx[d] = 0;
    }
  }
}

}  // namespace tfb
