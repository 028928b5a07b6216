// Helpers for end-to-end tests: run the real `bundle` and the apps it
// writes as processes, and read back what they print.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "embed/exit_codes.h"
#include "support/test_util.h"

namespace tfb::test {

struct Outcome {
  int code = -1;  // exit code, or -1 when killed by a signal
  std::string out, err;
  // "bundle: error: ..." on one line, nothing else on stderr.
  bool one_line_error() const {
    return !err.empty() && err.find('\n') == err.size() - 1 && err.find(": error: ") != std::string::npos;
  }
};

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline fs::path bundle_exe() { return fs::path(TFB_BINARY_DIR) / "bundler" / "bundle"; }
inline fs::path stub_exe() { return fs::path(TFB_BINARY_DIR) / "runtime-stub" / "tflstub"; }

// Runs `argv` (quoted for the shell) with stdout and stderr captured.
inline Outcome run(const std::vector<std::string>& argv) {
  static int counter = 0;
  fs::path dir = temp_dir("run-" + std::to_string(counter++));
  std::string cmd;
  for (const auto& a : argv) cmd += quote(a) + " ";
  cmd += "> " + quote((dir / "out").string()) + " 2> " + quote((dir / "err").string()) + " < /dev/null";
  int status = std::system(cmd.c_str());
  Outcome r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  auto out = read_file(dir / "out"), err = read_file(dir / "err");
  r.out.assign(out.begin(), out.end());
  r.err.assign(err.begin(), err.end());
  fs::remove_all(dir);
  return r;
}

inline std::string describe(const Outcome& r) { return "exit " + std::to_string(r.code) + "\nstdout: " + r.out + "\nstderr: " + r.err; }

// Bundles a model into `out` with extra arguments; fails the test on error.
inline void bundle_or_fail(const fs::path& model, const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> argv = {bundle_exe().string(), "--model", model.string(), "-o", out.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  Outcome r = run(argv);
  ASSERT_EQ(r.code, 0) << describe(r);
}

inline fs::path hello_model() { return shared_dir() / "models" / "hello_world_float.tflite"; }
inline fs::path hello_input() { return shared_dir() / "golden" / "hello_world_float" / "input_0.npy"; }

}  // namespace tfb::test
