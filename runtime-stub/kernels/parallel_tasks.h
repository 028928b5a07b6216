// Splitting a kernel's work among the pool's threads. parallel_tasks gives
// each piece a task index for per-task scratch; parallel_ranges, for kernels
// that need none, cuts finer pieces, which balance better when a thread
// starts late.
#pragma once

#include <algorithm>
#include <cstdint>

#include "interpreter/thread_pool.h"

namespace tfb {

inline int max_tasks(ThreadPool& pool) { return pool.size(); }

// Multiply-adds a task should at least get: a few microseconds of work, since
// handing a piece to another thread costs about a microsecond when it is
// awake (and tens when it sleeps, though the caller then runs the piece
// itself: thread_pool.h). GEMM microkernels do 100-400 G multiply-adds per
// second; depthwise ones, one load per multiply-add, 20-50 G.
constexpr int64_t kMinMacsPerTask = int64_t{1} << 19;
constexpr int64_t kMinDepthwiseMacsPerTask = int64_t{1} << 17;

// Splits [0, n) into at most one contiguous range per pool thread and runs
// fn(task, begin, end) on each. `task` < max_tasks(pool) is distinct per
// range, so kernels index per-task scratch with it (scratch is requested in
// prepare as max_tasks(pool) slices).
template <class Fn>
void parallel_tasks(ThreadPool& pool, int64_t n, int64_t grain, Fn&& fn) {
  if (n <= 0) return;
  const int64_t tasks = std::min<int64_t>(pool.size(), std::max<int64_t>(1, n / std::max<int64_t>(grain, 1)));
  if (tasks == 1) return fn(0, int64_t{0}, n);
  pool.parallel_for(tasks, 1, [&](int64_t first, int64_t last) {
    for (int64_t t = first; t < last; ++t) fn(static_cast<int>(t), n * t / tasks, n * (t + 1) / tasks);
  });
}

// Runs fn(begin, end) over [0, n) in contiguous pieces of at least `grain`.
template <class Fn>
void parallel_ranges(ThreadPool& pool, int64_t n, int64_t grain, Fn&& fn) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  if (pool.size() == 1 || n < 2 * grain) return fn(int64_t{0}, n);
  pool.parallel_for(n, grain, [&](int64_t begin, int64_t end) { fn(begin, end); });
}

}  // namespace tfb
