// Running tests at every instruction-set level this machine has: kernels
// pick their microkernels in prepare from isa_level(), so a test that builds
// its interpreter (or asks dispatch/ for a kernel) inside a ScopedIsa runs
// that level's code.
#pragma once

#include <vector>

#include "dispatch/cpu_features.h"

namespace tfb::test {

// baseline up to detected_isa().
inline std::vector<IsaLevel> isa_levels() {
  std::vector<IsaLevel> levels;
  for (int l = 0; l <= static_cast<int>(detected_isa()); ++l) levels.push_back(static_cast<IsaLevel>(l));
  return levels;
}

// Caps the level for its lifetime.
class ScopedIsa {
 public:
  explicit ScopedIsa(IsaLevel level) : saved_(isa_level()) { set_isa(level); }
  ~ScopedIsa() { set_isa(saved_); }
  ScopedIsa(const ScopedIsa&) = delete;
  ScopedIsa& operator=(const ScopedIsa&) = delete;

 private:
  IsaLevel saved_;
};

}  // namespace tfb::test
