// `bundle --model M -o OUT`: checks the model and writes the app.
#pragma once

#include <string>

namespace tfb::bundler {

struct PackArgs {
  std::string model;
  std::string output;
  int level = 19;    // zstd level
  bool store = false;  // keep the model uncompressed
  bool force = false;  // replace an existing output
};

// Returns the exit code; errors are printed.
int pack(const PackArgs& args);

}  // namespace tfb::bundler
