// Stopping inference from outside: a per-inference time limit (--timeout)
// and SIGINT/SIGTERM. Both store a reason in one flag the interpreter polls
// between ops (InterpreterOptions::cancel).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tfb {

// Makes SIGINT and SIGTERM set `flag` to kCancelSignal instead of killing
// the process, so a batch stops cleanly and keeps finished outputs.
void stop_on_signals(std::atomic<int>* flag);

class Watchdog {
 public:
  // seconds <= 0: never fires.
  Watchdog(std::atomic<int>* flag, double seconds);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Starts the clock for one inference / stops it.
  void arm();
  void disarm();

 private:
  void loop();
  std::atomic<int>* flag_;
  std::chrono::duration<double> limit_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, stop_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;
};

}  // namespace tfb
