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

// Makes the first SIGINT or SIGTERM set `flag` to kCancelSignal instead of
// killing the process, so a batch stops cleanly and keeps finished outputs
// (a second one kills at once); ignores SIGXFSZ so exceeding a file size
// limit is a failed write.
void stop_on_signals(std::atomic<int>* flag);

// Times each inference (between arm and disarm) and makes sure a stop takes
// effect: the interpreter polls the flag between ops and long kernels poll
// it inside, but should one op run on regardless, the process ends `grace`
// seconds after the flag was set (exit code 9 for a timeout, 10 for a
// signal), with its one-line message. No output file is open then: outputs
// are written after disarm.
class Watchdog {
 public:
  // seconds <= 0: no time limit, only the grace period after a signal.
  Watchdog(std::atomic<int>* flag, double seconds, double grace = 2.0);
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  // Starts the clock for one inference / stops it.
  void arm();
  void disarm();

 private:
  void loop();
  std::atomic<int>* flag_;
  std::chrono::duration<double> limit_, grace_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool armed_ = false, stop_ = false;
  std::chrono::steady_clock::time_point deadline_;
  std::thread thread_;
};

}  // namespace tfb
