#include "dispatch/cpu_features.h"

#include <cpuid.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>

namespace tfb {

namespace {

constexpr const char* kNames[] = {"baseline", "avx2", "avx512", "avx512vnni"};

// XCR0: the OS saves the YMM (bits 1-2) and ZMM (bits 5-7) state.
uint64_t xgetbv0() {
  uint32_t lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  return (static_cast<uint64_t>(hi) << 32) | lo;
}

IsaLevel detect() {
  unsigned a, b, c, d;
  if (!__get_cpuid(1, &a, &b, &c, &d)) return IsaLevel::kBaseline;
  const bool osxsave = c & bit_OSXSAVE, fma = c & bit_FMA, avx = c & bit_AVX;
  if (!osxsave || !avx) return IsaLevel::kBaseline;
  const uint64_t xcr0 = xgetbv0();
  if ((xcr0 & 0x6) != 0x6) return IsaLevel::kBaseline;
  if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return IsaLevel::kBaseline;
  const bool avx2 = b & bit_AVX2;
  if (!avx2 || !fma) return IsaLevel::kBaseline;
  const bool avx512 = (b & bit_AVX512F) && (b & bit_AVX512BW) && (b & bit_AVX512DQ) && (b & bit_AVX512VL) &&
                      (xcr0 & 0xE0) == 0xE0;
  if (!avx512) return IsaLevel::kAvx2;
  return (c & bit_AVX512VNNI) ? IsaLevel::kAvx512Vnni : IsaLevel::kAvx512;
}

IsaLevel initial_level() {
  IsaLevel level = detected_isa();
  IsaLevel wanted;
  if (const char* env = std::getenv("TFB_ISA"); env && parse_isa(env, &wanted)) level = std::min(level, wanted);
  return level;
}

std::atomic<int>& current() {
  static std::atomic<int> level{static_cast<int>(initial_level())};
  return level;
}

}  // namespace

const char* isa_name(IsaLevel level) { return kNames[static_cast<int>(level)]; }

bool parse_isa(const std::string& name, IsaLevel* out) {
  for (int i = 0; i < 4; ++i)
    if (name == kNames[i]) {
      *out = static_cast<IsaLevel>(i);
      return true;
    }
  return false;
}

IsaLevel detected_isa() {
  static const IsaLevel level = detect();
  return level;
}

IsaLevel isa_level() { return static_cast<IsaLevel>(current().load(std::memory_order_relaxed)); }

void set_isa(IsaLevel level) { current().store(static_cast<int>(std::min(level, detected_isa()))); }

}  // namespace tfb
