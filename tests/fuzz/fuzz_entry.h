// Each fuzz target is a plain function, so the same code runs under libFuzzer
// (built with TFB_LIBFUZZER) and in the regression test that replays every
// input kept in tests/fuzz/regressions/<target>/.
#pragma once

#include <cstddef>
#include <cstdint>

#ifdef TFB_LIBFUZZER
#define TFB_FUZZ_ENTRY(fn) \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return fn(data, size); }
#else
#define TFB_FUZZ_ENTRY(fn)
#endif
