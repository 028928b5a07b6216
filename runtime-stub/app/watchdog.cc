#include "app/watchdog.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>

#include "app/exit_status.h"
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
  sa.sa_flags = SA_RESETHAND;  // a second signal kills the process at once
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  // Past a file size limit (ulimit -f) a write then fails with EFBIG and is
  // reported, instead of the signal killing the process mid-file.
  signal(SIGXFSZ, SIG_IGN);
}

Watchdog::Watchdog(std::atomic<int>* flag, double seconds, double grace)
    : flag_(flag), limit_(seconds > 0 ? seconds : 0), grace_(grace) {
  thread_ = std::thread([this] { loop(); });
}

Watchdog::~Watchdog() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Watchdog::arm() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    armed_ = true;
    deadline_ = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(limit_);
  }
  cv_.notify_all();
}

void Watchdog::disarm() {
  std::lock_guard<std::mutex> lock(mu_);
  armed_ = false;
}

void Watchdog::loop() {
  using clock = std::chrono::steady_clock;
  constexpr auto kPoll = std::chrono::milliseconds(50);  // how soon a signal is noticed here
  std::unique_lock<std::mutex> lock(mu_);
  clock::time_point stop_seen{};  // when the flag was first seen set during this inference
  while (!stop_) {
    if (!armed_) {
      stop_seen = {};
      cv_.wait(lock);
      continue;
    }
    auto now = clock::now();
    auto wake = now + kPoll;
    if (limit_.count() > 0) wake = std::min(wake, deadline_);
    cv_.wait_until(lock, wake);
    if (!armed_ || stop_) continue;
    now = clock::now();
    if (limit_.count() > 0 && now >= deadline_) {
      int expected = kNotCancelled;
      flag_->compare_exchange_strong(expected, kCancelTimeout);  // a signal wins over a timeout
    }
    const int reason = flag_->load();
    if (reason == kNotCancelled) continue;
    if (stop_seen == clock::time_point{}) stop_seen = now;
    if (now - stop_seen < grace_) continue;
    // The running op does not poll the flag: end here. Nothing is being
    // written (see the class comment).
    std::fflush(stdout);
    if (reason == kCancelTimeout)
      fail(kExitTimeout, strfmt("inference stopped: it ran longer than --timeout %g s", limit_.count()));
    else
      fail(kExitCancelled, "stopped by a signal during an inference");
    _exit(reason == kCancelTimeout ? kExitTimeout : kExitCancelled);
  }
}

}  // namespace tfb
