// Which x86-64 instruction set levels this CPU runs, detected once. Kernels
// never ask the CPU themselves: each kernel family picks its function once
// from isa_level() (see docs/DEVELOPING.md, "ISA-specific kernels").
#pragma once

#include <string>

namespace tfb {

// Ordered: each level includes the ones below it.
enum class IsaLevel : int {
  kBaseline = 0,  // x86-64 (SSE2): runs everywhere
  kAvx2 = 1,      // AVX2 + FMA (Haswell, Zen 1)
  kAvx512 = 2,    // AVX-512 F/BW/DQ/VL (Skylake-SP, Zen 4)
  kAvx512Vnni = 3,  // AVX-512 + VNNI int8 dot products (Cascade Lake, Zen 4)
};

const char* isa_name(IsaLevel level);
bool parse_isa(const std::string& name, IsaLevel* out);

// The best level this CPU supports.
IsaLevel detected_isa();
// The level kernels use: detected, lowered by TFB_ISA=<name> or set_isa().
IsaLevel isa_level();
// Caps the level (never raises it above detected_isa()); for --isa and tests.
void set_isa(IsaLevel level);

}  // namespace tfb
