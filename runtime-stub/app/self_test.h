// The self-test stored in a payload: at bundle time the model runs once on
// deterministic inputs and a sample of each output is kept; `APP
// --self-test` reruns it on the user's CPU (whatever kernels it picks there)
// and compares with the conformance tolerances.
//
// Entry format 1 (little-endian): the line "tflbundle-selftest 1\n", u64
// input seed, u32 output count, then per output: i32 dtype, u32 rank, rank x
// i32 dims, u64 sample stride, u32 sample count, f64 largest |value|, and
// the sampled values (dequantized) as f64. Inputs are not stored: they are
// regenerated from the seed by fill_deterministic_inputs (version 1 of its
// sequence; a change to it needs a new format number).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "interpreter/interpreter.h"

namespace tfb {

// Fills every input with deterministic values (floats in [-1, 1], small
// non-negative integers for int32/int64 since those are usually indices,
// full range for 8/16-bit integers), as the self-test and --benchmark use.
void fill_deterministic_inputs(Interpreter& interp, uint64_t seed = 1);

// Runs the model on deterministic inputs and keeps a sample of the outputs.
Status make_self_test(Interpreter& interp, std::vector<uint8_t>* entry);

struct SelfTestReport {
  bool passed = false;
  std::string summary;  // one line per output: max difference and tolerance
};
// Reruns the stored self-test. Errors only when the entry is malformed or
// inference fails; a mismatch is a report with passed == false.
Status run_self_test(Interpreter& interp, std::span<const uint8_t> entry, SelfTestReport* report);

}  // namespace tfb
