// The app's command line.
#pragma once

#include <string>
#include <vector>

namespace tfb {

struct AppOptions {
  std::vector<std::string> inputs;  // .npy files, in the model's input order
  std::string output_dir;
  bool info = false;
  bool json = false;
  bool verify = false;
  int threads = 1;
  int benchmark_runs = 0;  // extra timed invocations after the first
};

// Parses the command line. Returns -1 when the app should go on, else the
// exit code to end with (after --help, --version or a usage error).
int parse_cli(int argc, char** argv, AppOptions* out);

}  // namespace tfb
