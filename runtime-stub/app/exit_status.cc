#include "app/exit_status.h"

#include <cstdio>

namespace tfb {

namespace {
std::string& name_storage() {
  static std::string name = "app";
  return name;
}
}  // namespace

void set_program_name(const char* argv0) {
  if (!argv0 || !*argv0) return;
  std::string a(argv0);
  size_t slash = a.rfind('/');
  name_storage() = slash == std::string::npos ? a : a.substr(slash + 1);
}

const std::string& program_name() { return name_storage(); }

int fail(int code, const std::string& message) {
  std::string line = message;
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  std::fprintf(stderr, "%s: error: %s\n", program_name().c_str(), line.c_str());
  return code;
}

int exit_code_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kOk: return kExitOk;
    case ErrorKind::kInvalidModel: return kExitInvalidModel;
    case ErrorKind::kUnsupported: return kExitUnsupportedModel;
    case ErrorKind::kBadInput: return kExitBadInput;
    case ErrorKind::kRuntime: return kExitInference;
    case ErrorKind::kTimeout: return kExitTimeout;
    case ErrorKind::kCancelled: return kExitCancelled;
    case ErrorKind::kIo: return kExitOutputWrite;
    case ErrorKind::kResourceExhausted: return kExitResource;
    case ErrorKind::kDeferred: return kExitInternal;
  }
  return kExitInternal;
}

}  // namespace tfb
