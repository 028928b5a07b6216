// --benchmark: inference latency measured inside the process, printed with
// the fields and wording of TensorFlow Lite's benchmark_model so the two
// compare one to one.
#pragma once

#include "interpreter/interpreter.h"

namespace tfb {

struct BenchmarkOptions {
  int warmup = 5;
  int runs = 50;
  double init_us = 0;  // process start to interpreter ready
};

// Invokes warmup + runs times on the current inputs (the first run is the
// "first inference") and prints the timings and peak memory.
Status run_benchmark(Interpreter& interp, const BenchmarkOptions& options);

}  // namespace tfb
