#include "app/watchdog.h"

#include <csignal>

#include "interpreter/interpreter.h"

namespace tfb {

namespace {
std::atomic<int>* g_flag = nullptr;

extern "C" void on_signal(int) {
  if (g_flag) g_flag->store(kCancelSignal);  // lock-free atomic store: async-signal-safe
}
}  // namespace

void stop_on_signals(std::atomic<int>* flag) {
  g_flag = flag;
  struct sigaction sa = {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

Watchdog::Watchdog(std::atomic<int>* flag, double seconds) : flag_(flag), limit_(seconds) {
  if (seconds > 0) thread_ = std::thread([this] { loop(); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Watchdog::arm() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    armed_ = true;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(limit_);
  }
  cv_.notify_all();
}

void Watchdog::disarm() {
  if (!thread_.joinable()) return;
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
}

void Watchdog::loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    if (!armed_) {
      cv_.wait(lock);
      continue;
    }
    if (cv_.wait_until(lock, deadline_) == std::cv_status::timeout && armed_ &&
        std::chrono::steady_clock::now() >= deadline_) {
      int expected = kNotCancelled;
      flag_->compare_exchange_strong(expected, kCancelTimeout);  // a signal wins over a timeout
      armed_ = false;
    }
  }
}

}  // namespace tfb
