// A persistent pool: N-1 worker threads plus the calling thread. Kernels split
// work with parallel_for; a pool of 1 runs everything inline, so kernels need
// no single-thread special case.
//
// A job is split into chunks that threads claim one at a time from an atomic
// ticket, the caller included: a worker that is late (asleep, or descheduled
// on a busy machine) only means the caller runs more chunks itself, never
// that it waits for the worker. Waiting threads spin for a while before they
// sleep, since a model runs tens of parallel loops per inference and a
// sleeping thread takes tens of microseconds to wake.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace tfb {

class ThreadPool {
 public:
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int size() const { return static_cast<int>(workers_.size()) + 1; }

  static constexpr int kChunksPerThread = 4;

  // Calls fn(begin, end) over [0, n) split into contiguous chunks of at
  // least `grain` items, up to kChunksPerThread per thread (so a thread that
  // starts late still takes a share). Returns when all chunks are done.
  void parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn);

 private:
  void worker_loop();
  // Claims and runs chunks of the current job until none is left.
  void run_chunks();

  std::vector<std::thread> workers_;
  // The current job: written by the caller only while no chunk is claimed.
  const std::function<void(int64_t, int64_t)>* job_ = nullptr;
  int64_t job_n_ = 0;
  // job number (bits 32-63) | chunks (16-31) | next chunk to claim (0-15)
  std::atomic<uint64_t> ticket_{0};
  std::atomic<int> done_{0};  // chunks of the current job finished
  std::atomic<bool> stop_{false};
  std::mutex mu_;  // for the sleeping side of the waits
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::mutex run_mu_;  // one parallel_for at a time
};

}  // namespace tfb
