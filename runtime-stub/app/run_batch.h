// Runs the model on every input the user gave: decode, infer (under the
// time limit), read the answer, print it, write requested files. One input
// failing stops the batch, or with --keep-going is reported and skipped.
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/inputs.h"
#include "app/results.h"
#include "app/settings.h"
#include "interpreter/interpreter.h"

namespace tfb {

struct BatchContext {
  Interpreter& interp;
  const AppOptions& options;
  const Settings& settings;
  const Labels& labels;
  std::string_view vocab;
  std::atomic<int>& cancel;
};

// Returns the process exit code: 0 when every input succeeded, else the
// code of the first failure.
int run_batch(BatchContext& ctx, const std::vector<RunInput>& runs);

}  // namespace tfb
