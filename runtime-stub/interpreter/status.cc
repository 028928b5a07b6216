#include "interpreter/status.h"

#include <vector>

namespace tfb {

std::string vstrfmt(const char* fmt, va_list args) {
  va_list copy;
  va_copy(copy, args);
  int n = std::vsnprintf(nullptr, 0, fmt, copy);
  va_end(copy);
  if (n <= 0) return std::string();
  std::string out(static_cast<size_t>(n), '\0');
  std::vsnprintf(out.data(), out.size() + 1, fmt, args);
  return out;
}

std::string strfmt(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::string s = vstrfmt(fmt, args);
  va_end(args);
  return s;
}

Status Error(ErrorKind kind, const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  std::string s = vstrfmt(fmt, args);
  va_end(args);
  return Status(kind, std::move(s));
}

}  // namespace tfb
