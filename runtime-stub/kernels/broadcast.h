// Numpy-style broadcasting for elementwise binary ops. The output is walked
// as runs along its innermost dimension; each run sees both inputs either
// contiguous (step 1) or fixed (step 0), so kernels write tight loops:
//
//   binary_broadcast(out.shape, a.shape, b.shape,
//       [&](int64_t o, int64_t ai, int64_t as, int64_t bi, int64_t bs, int64_t n) {
//         for (int64_t k = 0; k < n; ++k) dst[o + k] = pa[ai + k * as] + pb[bi + k * bs];
//       });
#pragma once

#include <cstdint>

#include "interpreter/status.h"
#include "interpreter/tensor.h"

namespace tfb {

// Output shape of broadcasting a with b, or an error naming both shapes.
Status broadcast_shape(const Shape& a, const Shape& b, Shape* out);

// Element strides of `in` seen from an output of rank `out.rank`, 0 along
// broadcast dimensions.
void broadcast_strides(const Shape& out, const Shape& in, int64_t strides[kMaxRank]);

template <class Run>
void binary_broadcast(const Shape& out, const Shape& a, const Shape& b, Run run) {
  const int64_t total = out.count();
  if (total == 0) return;
  if (a == b) return run(0, 0, 1, 0, 1, total);
  if (a.count() == 1 && b == out) return run(0, 0, 0, 0, 1, total);
  if (b.count() == 1 && a == out) return run(0, 0, 1, 0, 0, total);
  int64_t sa[kMaxRank], sb[kMaxRank];
  broadcast_strides(out, a, sa);
  broadcast_strides(out, b, sb);
  const int r = out.rank;
  const int64_t inner = out.dim[r - 1];
  int64_t idx[kMaxRank] = {};
  int64_t ai = 0, bi = 0;
  for (int64_t o = 0; o < total; o += inner) {
    run(o, ai, sa[r - 1], bi, sb[r - 1], inner);
    for (int d = r - 2; d >= 0; --d) {  // odometer over the outer dimensions
      ai += sa[d];
      bi += sb[d];
      if (++idx[d] < out.dim[d]) break;
      ai -= sa[d] * out.dim[d];
      bi -= sb[d] * out.dim[d];
      idx[d] = 0;
    }
  }
}

}  // namespace tfb
