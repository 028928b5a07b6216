// Shared test helpers: locating ../shared, running models with the
// interpreter or with the real TFLite (tflite-ref), comparing outputs.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/npy.h"
#include "interpreter/interpreter.h"

namespace tfb::test {

namespace fs = std::filesystem;

// ../shared next to the repository (override with $TFB_SHARED_DIR), or empty
// when it is absent.
fs::path shared_dir();
// Skips the current test, saying why, when ../shared is absent.
#define TFB_REQUIRE_SHARED()                                                            \
  do {                                                                                  \
    if (::tfb::test::shared_dir().empty())                                              \
      GTEST_SKIP() << "needs ../shared (models and golden data); it is absent here";    \
  } while (0)

std::vector<uint8_t> read_file(const fs::path& path);
void write_file(const fs::path& path, std::span<const uint8_t> bytes);
NpyArray load_npy(const fs::path& path);
// A fresh empty directory under the build tree's test scratch space.
fs::path temp_dir(const std::string& name);

// With $TFB_FUZZ_SEEDS set, saves `bytes` as $TFB_FUZZ_SEEDS/<target>/<hash>:
// a test run then leaves valid inputs for the fuzzers to start from
// (scripts/fuzz.sh).
void keep_fuzz_seed(const char* target, std::span<const uint8_t> bytes);

// Runs model bytes on the given inputs with our interpreter. Inputs are
// resized to the arrays' shapes when they differ.
Status run_interpreter(std::span<const uint8_t> model, const std::vector<NpyArray>& inputs,
                       std::vector<NpyArray>* outputs, int threads = 1);
NpyArray to_npy(const Tensor& t);

// The real TFLite (shared/tools/tflite-ref, installed by
// scripts/setup-tflite-ref.sh), or nullopt when it is not installed.
std::optional<fs::path> tflite_ref_path();
#define TFB_REQUIRE_TFLITE_REF()                                                                        \
  do {                                                                                                  \
    if (!::tfb::test::tflite_ref_path())                                                                \
      GTEST_SKIP() << "needs tflite-ref (scripts/setup-tflite-ref.sh installs it; node + npm required)"; \
  } while (0)
// Runs model bytes through tflite-ref; returns its outputs.
Status run_tflite_ref(std::span<const uint8_t> model, const std::vector<NpyArray>& inputs,
                      std::vector<NpyArray>* outputs);

// Float comparison used against the oracle: |a - b| <= rel * max|ref| + abs.
::testing::AssertionResult floats_close(const NpyArray& ours, const NpyArray& ref, double rel = 1e-4,
                                        double abs = 1e-6);
// Integer comparison in quantization steps: at most `max_steps` anywhere and
// at most 1 step on at least `frac_within_one` of the elements.
::testing::AssertionResult ints_close(const NpyArray& ours, const NpyArray& ref, int max_steps = 2,
                                      double frac_within_one = 0.99);
// Picks floats_close (with relative tolerance `rel`) or ints_close by
// dtype; exact for bool/int64/int32.
::testing::AssertionResult outputs_match(const NpyArray& ours, const NpyArray& ref, double rel = 1e-4);

// The float tolerance, relative to the reference's largest magnitude, for a
// golden model: 1e-4, or more for the few models that need it, with why.
struct GoldenTolerance {
  double rel = 1e-4;
  const char* why = "";
};
GoldenTolerance golden_tolerance(const std::string& model);

// Largest |difference| as double, and its value in "steps" for integers.
double max_abs_diff(const NpyArray& a, const NpyArray& b);

// Deterministic pseudo-random values for test inputs.
NpyArray random_array(DType type, std::vector<int64_t> shape, uint32_t seed, double lo = -1.0, double hi = 1.0);

}  // namespace tfb::test
