// Reference BATCH_MATMUL: out[batch] = op(lhs[batch]) x op(rhs[batch]) with
// numpy broadcasting of the batch dimensions (all but the last two) and op
// transposing the last two dimensions when adj is set. Shapes are given as
// dimension lists; the output shape is the broadcast batch shape + [m, n].
#pragma once

#include <cstdint>
#include <vector>

namespace tfb::reference {

inline void batch_matmul(const std::vector<int64_t>& lhs_shape, const float* lhs, bool adj_x,
                         const std::vector<int64_t>& rhs_shape, const float* rhs, bool adj_y, float* out) {
  const size_t rank = std::max(lhs_shape.size(), rhs_shape.size());
  // Both shapes left-padded with 1s to the output rank.
  std::vector<int64_t> l(rank - lhs_shape.size(), 1), r(rank - rhs_shape.size(), 1);
  l.insert(l.end(), lhs_shape.begin(), lhs_shape.end());
  r.insert(r.end(), rhs_shape.begin(), rhs_shape.end());
  const int64_t m = adj_x ? l[rank - 1] : l[rank - 2], k = adj_x ? l[rank - 2] : l[rank - 1];
  const int64_t n = adj_y ? r[rank - 2] : r[rank - 1];
  int64_t batches = 1;
  for (size_t d = 0; d + 2 < rank; ++d) batches *= std::max(l[d], r[d]);
  for (int64_t b = 0; b < batches; ++b) {
    // Batch index -> lhs / rhs batch offsets (broadcast dimensions stay at 0).
    int64_t rest = b, lb = 0, rb = 0, lstride = 1, rstride = 1;
    for (size_t d = rank - 2; d-- > 0;) {
      const int64_t size = std::max(l[d], r[d]);
      const int64_t i = rest % size;
      rest /= size;
      lb += (l[d] == 1 ? 0 : i) * lstride;
      rb += (r[d] == 1 ? 0 : i) * rstride;
      lstride *= l[d];
      rstride *= r[d];
    }
    const float* x = lhs + lb * m * k;
    const float* y = rhs + rb * k * n;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        float acc = 0.f;
        for (int64_t p = 0; p < k; ++p) acc += (adj_x ? x[p * m + i] : x[i * k + p]) * (adj_y ? y[j * k + p] : y[p * n + j]);
        out[(b * m + i) * n + j] = acc;
      }
  }
}

}  // namespace tfb::reference
