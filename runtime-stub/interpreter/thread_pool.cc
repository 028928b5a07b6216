#include "interpreter/thread_pool.h"

#include <algorithm>
#include <chrono>

namespace tfb {

namespace {

// How long a waiting thread polls before it sleeps on a condition variable.
constexpr auto kSpin = std::chrono::microseconds(2000);

// Polls ready() until it holds (true) or kSpin has passed (false).
template <class Ready>
bool spin_until(Ready ready) {
  const auto deadline = std::chrono::steady_clock::now() + kSpin;
  for (;;) {
    for (int i = 0; i < 64; ++i) {
      if (ready()) return true;
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
    if (std::chrono::steady_clock::now() > deadline) return false;
  }
}

uint32_t job_of(uint64_t ticket) { return static_cast<uint32_t>(ticket >> 32); }
int chunks_of(uint64_t ticket) { return static_cast<int>((ticket >> 16) & 0xFFFF); }
int index_of(uint64_t ticket) { return static_cast<int>(ticket & 0xFFFF); }

}  // namespace

ThreadPool::ThreadPool(int threads) {
  // Chunks and claims are counted in 16 bits.
  threads = std::clamp(threads, 1, 65535 / (kChunksPerThread + 1));
  for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_.store(true);
  }
  work_cv_.notify_all();
  for (auto& t : workers_) t.join();
}

void ThreadPool::run_chunks() {
  for (;;) {
    // The claim also says which job it belongs to; a valid claim keeps that
    // job (and job_, job_n_) current until the chunk is done.
    const uint64_t t = ticket_.fetch_add(1, std::memory_order_acq_rel);
    const int chunks = chunks_of(t), c = index_of(t);
    if (c >= chunks) return;
    (*job_)(job_n_ * c / chunks, job_n_ * (c + 1) / chunks);
    if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == chunks) {
      std::lock_guard<std::mutex> lock(mu_);
      done_cv_.notify_one();
    }
  }
}

void ThreadPool::worker_loop() {
  uint32_t seen = 0;
  for (;;) {
    auto posted = [&] {
      return stop_.load(std::memory_order_acquire) || job_of(ticket_.load(std::memory_order_acquire)) != seen;
    };
    if (!spin_until(posted)) {
      std::unique_lock<std::mutex> lock(mu_);
      work_cv_.wait(lock, posted);
    }
    if (stop_.load(std::memory_order_acquire)) return;
    seen = job_of(ticket_.load(std::memory_order_acquire));
    run_chunks();
  }
}

void ThreadPool::parallel_for(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn) {
  if (n <= 0) return;
  grain = std::max<int64_t>(grain, 1);
  const int chunks = static_cast<int>(std::min<int64_t>(kChunksPerThread * size(), n / grain));
  if (chunks <= 1) {
    fn(0, n);
    return;
  }
  std::lock_guard<std::mutex> run(run_mu_);
  job_ = &fn;
  job_n_ = n;
  done_.store(0, std::memory_order_relaxed);
  const uint64_t job = job_of(ticket_.load(std::memory_order_relaxed)) + 1;
  {
    std::lock_guard<std::mutex> lock(mu_);  // so a worker about to sleep sees it
    ticket_.store(job << 32 | static_cast<uint64_t>(chunks) << 16, std::memory_order_release);
  }
  work_cv_.notify_all();
  run_chunks();
  auto done = [&] { return done_.load(std::memory_order_acquire) == chunks; };
  if (!spin_until(done)) {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, done);
  }
}

}  // namespace tfb
