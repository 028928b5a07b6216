// Reference reduction: folds input element by element into the output slot
// found by dropping the reduced coordinates. Tests compare the merged-loop
// reduce_into (kernels/reduction.h) against it.
#pragma once

#include <cstdint>
#include <vector>

namespace tfb::reference {

template <class In, class Acc, class Fold>
void reduce(const std::vector<int64_t>& dims, const std::vector<bool>& reduced, const In* in, Acc* acc, Fold fold) {
  int64_t total = 1;
  for (int64_t d : dims) total *= d;
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t rest = flat, out = 0, out_stride = 1;
    for (size_t d = dims.size(); d-- > 0;) {
      const int64_t coord = rest % dims[d];
      rest /= dims[d];
      if (!reduced[d]) {
        out += coord * out_stride;
        out_stride *= dims[d];
      }
    }
    fold(acc[out], in[flat]);
  }
}

}  // namespace tfb::reference
