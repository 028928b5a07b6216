// Stopping inference: several interpreters running in parallel threads
// (each with its own thread pool) are cancelled mid-run, return promptly
// with the cancel reason, and shut down without deadlock.
#include <atomic>
#include <chrono>
#include <thread>

#include "support/robust_models.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

struct Job {
  std::vector<uint8_t> model;  // outlives the interpreter
  std::unique_ptr<Interpreter> interp;
  std::atomic<int> cancel{kNotCancelled};
  Status result;
  Clock::time_point finished;
};

void start(Job& job, std::vector<uint8_t> model, int threads) {
  job.model = std::move(model);
  InterpreterOptions o;
  o.threads = threads;
  o.cancel = &job.cancel;
  o.max_while_iterations = int64_t{1} << 40;
  ASSERT_TRUE(Interpreter::create(job.model, o, &job.interp).ok());
}

TEST(Cancel, ParallelInterpretersStopPromptlyAndShutDown) {
  const auto model = counting_loop_model();
  constexpr int kJobs = 4;
  std::vector<Job> jobs(kJobs);
  for (Job& j : jobs) {
    start(j, model, 2);
    j.interp->input(0).as<int32_t>()[0] = INT32_MAX;  // runs for minutes unless stopped
  }
  std::vector<std::thread> threads;
  for (Job& j : jobs)
    threads.emplace_back([&j] {
      j.result = j.interp->invoke();
      j.finished = Clock::now();
    });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const auto stop = Clock::now();
  for (int i = 0; i < kJobs; ++i) jobs[i].cancel.store(i % 2 ? kCancelSignal : kCancelTimeout);
  for (auto& t : threads) t.join();
  for (int i = 0; i < kJobs; ++i) {
    EXPECT_EQ(jobs[i].result.kind(), i % 2 ? ErrorKind::kCancelled : ErrorKind::kTimeout) << jobs[i].result.message();
    const double ms = std::chrono::duration<double, std::milli>(jobs[i].finished - stop).count();
    EXPECT_LT(ms, 500) << "job " << i;
  }
  const auto teardown = Clock::now();
  jobs.clear();  // joins every pool's workers
  EXPECT_LT(ms_since(teardown), 1000);
}

TEST(Cancel, AnInterpreterRunsAgainAfterACancel) {
  Job job;
  start(job, counting_loop_model(), 2);

  job.interp->input(0).as<int32_t>()[0] = INT32_MAX;
  std::thread t([&] { job.result = job.interp->invoke(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  job.cancel.store(kCancelSignal);
  t.join();
  EXPECT_EQ(job.result.kind(), ErrorKind::kCancelled);
  job.cancel.store(kNotCancelled);
  job.interp->input(0).as<int32_t>()[0] = 1000;
  ASSERT_TRUE(job.interp->invoke().ok());
  EXPECT_EQ(job.interp->output(0).as<int32_t>()[0], 1000);
}

TEST(Cancel, ManyShortLivedPoolsNeverDeadlock) {
  // Pools created and destroyed while their workers may still be starting.
  const auto model = big_conv_model(16, 8);
  for (int round = 0; round < 50; ++round) {
    Job job;
    start(job, model, 1 + round % 4);
    if (round % 3 == 0) job.cancel.store(kCancelSignal);
    Status st = job.interp->invoke();
    EXPECT_TRUE(st.ok() || st.kind() == ErrorKind::kCancelled) << st.message();
  }
}

}  // namespace
}  // namespace tfb::test
