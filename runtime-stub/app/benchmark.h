// --benchmark N: inference latency, measured inside the process.
#pragma once

#include "interpreter/interpreter.h"

namespace tfb {

// Invokes `runs` more times on the current inputs and prints the median and
// the minimum latency on stdout.
Status run_benchmark(Interpreter& interp, int runs);

}  // namespace tfb
