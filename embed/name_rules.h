// Rules for entry names: they become file names in `bundle extract`.
#pragma once

#include <string_view>

namespace tfb::embed {

constexpr size_t kMaxNameLength = 128;

// 1..128 characters from [A-Za-z0-9._-], not starting with '.'.
inline bool valid_entry_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength || name[0] == '.') return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

// Version and target strings: 1..64 printable ASCII characters.
inline bool valid_label(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

}  // namespace tfb::embed
