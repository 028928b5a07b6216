// The app's command line. Arguments stored at bundle time
// (`bundle ... -- ARGS`) are parsed first; the user's own arguments override
// them option by option.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/settings.h"

namespace tfb {

struct AppOptions {
  // What to run on.
  std::vector<std::string> files;   // positional: images, WAV, text, .npy, directories, "-"
  std::vector<std::string> inputs;  // --input: one tensor file per model input, in order
  std::vector<std::string> texts;   // --text: literal text inputs
  bool raw = false;

  // Modes other than running inputs.
  bool info = false, explain = false, verify = false, self_test = false, version = false;
  bool benchmark = false;
  int runs = 50, warmup = 5;

  // Output.
  std::string output_dir;
  std::string mask_out;
  bool json = false;
  bool quiet = false;

  // Execution.
  int threads = 0;  // 0 = one per available core
  double timeout_s = 0;
  bool keep_going = false;
  int64_t max_iterations = 1000000;
  int64_t max_memory_mib = 4096;  // InterpreterOptions::max_memory_bytes, in MiB
  std::string isa;

  // Settings given on the command line (applied over the bundled ones).
  Settings settings;
  std::string labels_file;  // --labels: a file on disk
};

// Parses `default_args` (from the payload; their settings get
// Source::kBundleArgs) and then argv (Source::kFlag). Returns -1 when the
// app should go on, else the exit code to end with (after --help or a
// usage error).
int parse_cli(const std::vector<std::string>& default_args, int argc, char** argv, AppOptions* out);

// Parses arguments to be stored in an app (`bundle ... -- ARGS`), so bundle
// refuses bad ones before writing anything. Errors are kBadInput.
Status parse_default_args(const std::vector<std::string>& args, AppOptions* out);

}  // namespace tfb
