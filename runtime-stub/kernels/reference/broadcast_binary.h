// Reference for elementwise binary ops: each output element finds its two
// input elements by unravelling its index, with no runs or strides. The
// fast kernels (binary_op.h) are tested against it.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/tensor.h"

namespace tfb::reference {

// Flat index into `in` of the output element at multi-index `idx` (of an
// output of rank `out_rank`), numpy broadcasting.
inline int64_t broadcast_index(const Shape& in, int out_rank, const int64_t* idx) {
  int64_t flat = 0;
  for (int d = 0; d < in.rank; ++d) {
    const int od = out_rank - in.rank + d;
    flat = flat * in.dim[d] + (in.dim[d] == 1 ? 0 : idx[od]);
  }
  return flat;
}

template <class In, class Out, class F>
void binary(const Shape& sa, const In* a, const Shape& sb, const In* b, const Shape& so, Out* out, F f) {
  int64_t idx[kMaxRank] = {};
  const int64_t total = so.count();
  for (int64_t o = 0; o < total; ++o) {
    int64_t rest = o;
    for (int d = so.rank - 1; d >= 0; --d) {
      idx[d] = rest % so.dim[d];
      rest /= so.dim[d];
    }
    out[o] = f(a[broadcast_index(sa, so.rank, idx)], b[broadcast_index(sb, so.rank, idx)]);
  }
}

}  // namespace tfb::reference
