#include "app/benchmark.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <numeric>
#include <vector>

#include "dispatch/cpu_features.h"

namespace tfb {

namespace {
double invoke_us(Interpreter& interp, Status* st) {
  auto start = std::chrono::steady_clock::now();
  *st = interp.invoke();
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

double mean(const std::vector<double>& v) { return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / v.size(); }
}  // namespace

Status run_benchmark(Interpreter& interp, const BenchmarkOptions& o) {
  Status st;
  const double first = invoke_us(interp, &st);
  TFB_RETURN_IF_ERROR(st);
  std::vector<double> warmup, runs;
  for (int i = 0; i < o.warmup; ++i) {
    warmup.push_back(invoke_us(interp, &st));
    TFB_RETURN_IF_ERROR(st);
  }
  for (int i = 0; i < o.runs; ++i) {
    runs.push_back(invoke_us(interp, &st));
    TFB_RETURN_IF_ERROR(st);
  }
  std::vector<double> sorted = runs;
  std::sort(sorted.begin(), sorted.end());
  rusage usage = {};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("Threads: %d, ISA: %s\n", interp.pool().size(), isa_name(isa_level()));
  std::printf("Initialized session in %.3fms.\n", o.init_us / 1000.0);
  std::printf("count=%d first=%.0f curr=%.0f min=%.0f max=%.0f avg=%.0f median=%.0f\n", o.runs, first, runs.back(),
              sorted.front(), sorted.back(), mean(runs), sorted[sorted.size() / 2]);
  std::printf("Inference timings in us: Init: %.0f, First inference: %.0f, Warmup (avg): %.0f, Inference (avg): %.0f\n",
              o.init_us, first, warmup.empty() ? first : mean(warmup), mean(runs));
  std::printf("Inference (median): %.0f us\n", sorted[sorted.size() / 2]);
  std::printf("Peak memory footprint (MB): %.2f (activations and heap tensors %.2f)\n", usage.ru_maxrss / 1024.0,
              interp.memory_bytes() / 1048576.0);
  return OkStatus();
}

}  // namespace tfb
