// Splits a GEMM of rows x n outputs, each a k-deep dot product, among the
// pool's threads: along rows (whole tiles of mr) when there are enough of
// them, else along columns (whole blocks of nr). Small products stay on one
// thread (kMinMacsPerTask).
#pragma once

#include <algorithm>
#include <cstddef>

#include "kernels/parallel_tasks.h"

namespace tfb {

// Calls fn(r0, r1, j0, j1) on each piece.
template <class Fn>
void parallel_gemm(ThreadPool& pool, size_t rows, size_t n, size_t k, size_t mr, size_t nr, Fn fn) {
  const int64_t depth = static_cast<int64_t>(std::max<size_t>(k, 1));
  const size_t tiles = (rows + mr - 1) / mr;
  if (tiles >= 4 * static_cast<size_t>(pool.size())) {
    const int64_t grain = std::max<int64_t>(1, kMinMacsPerTask / (static_cast<int64_t>(mr * n) * depth));
    parallel_ranges(pool, static_cast<int64_t>(tiles), grain, [&](int64_t t0, int64_t t1) {
      fn(t0 * mr, std::min(rows, static_cast<size_t>(t1) * mr), size_t{0}, n);
    });
  } else {
    const size_t blocks = (n + nr - 1) / nr;
    const int64_t grain = std::max<int64_t>(1, kMinMacsPerTask / (static_cast<int64_t>(rows * nr) * depth));
    parallel_ranges(pool, static_cast<int64_t>(blocks), grain, [&](int64_t b0, int64_t b1) {
      fn(size_t{0}, rows, b0 * nr, std::min(n, static_cast<size_t>(b1) * nr));
    });
  }
}

}  // namespace tfb
