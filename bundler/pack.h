// `bundle --model M -o OUT`: checks the model and writes the app.
#pragma once

#include <string>
#include <vector>

namespace tfb::bundler {

struct PackArgs {
  std::string model;        // a .tflite, or a .zip/.tar.gz/.tar.zst holding one
  std::string model_entry;  // which model of an archive holding several
  std::string output;
  std::string labels;       // a label file (one per line)
  std::string config;       // app settings (TOML), see docs/APP.md
  std::vector<std::string> app_args;  // default app arguments (after --)
  int level = 3;       // zstd level: 19 saves ~1.5% more, 15-30x slower
  bool store = false;  // keep the model uncompressed
  bool force = false;  // replace an existing output
  bool self_test = true;  // run the model once and store the result for --self-test
};

// Returns the exit code; errors are printed.
int pack(const PackArgs& args);

}  // namespace tfb::bundler
