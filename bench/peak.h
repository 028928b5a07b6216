// The machine's peak: multiply-add throughput of 12 independent register
// chains (inline assembly, so no compiler can shorten it), the ceiling the
// kernel benchmarks are read against. Only for benchmarks: it runs the widest
// instructions without asking the CPU.
#pragma once

#include <benchmark/benchmark.h>

#include "dispatch/cpu_features.h"

namespace tfb::bench {

#define TFB_FMA12(op, reg)                                                                                            \
  op " %%" reg "15, %%" reg "14, %%" reg "0\n" op " %%" reg "15, %%" reg "14, %%" reg "1\n" op " %%" reg "15, %%" reg \
     "14, %%" reg "2\n" op " %%" reg "15, %%" reg "14, %%" reg "3\n" op " %%" reg "15, %%" reg "14, %%" reg "4\n" op  \
     " %%" reg "15, %%" reg "14, %%" reg "5\n" op " %%" reg "15, %%" reg "14, %%" reg "6\n" op " %%" reg "15, %%" reg \
     "14, %%" reg "7\n" op " %%" reg "15, %%" reg "14, %%" reg "8\n" op " %%" reg "15, %%" reg "14, %%" reg "9\n" op  \
     " %%" reg "15, %%" reg "14, %%" reg "10\n" op " %%" reg "15, %%" reg "14, %%" reg "11\n"

// Peak f32 FLOP/s (2 per lane per FMA) with zmm (AVX-512) or ymm (AVX2) FMAs.
inline void f32_peak(benchmark::State& state, bool zmm) {
  if (detected_isa() < (zmm ? IsaLevel::kAvx512 : IsaLevel::kAvx2)) return state.SkipWithError("ISA not available");
  constexpr int64_t kLoops = 100000;
  for (auto _ : state)
    for (int64_t i = 0; i < kLoops; ++i) {
      if (zmm)
        asm volatile(TFB_FMA12("vfmadd231ps", "zmm")::: "memory");
      else
        asm volatile(TFB_FMA12("vfmadd231ps", "ymm")::: "memory");
    }
  state.counters["GFLOP/s"] = benchmark::Counter(kLoops * 12.0 * (zmm ? 32 : 16) * state.iterations(),
                                                 benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

// Peak int8 multiply-adds (OP/s = 2 per byte product) with zmm VNNI dot products.
inline void int8_vnni_peak(benchmark::State& state) {
  if (detected_isa() < IsaLevel::kAvx512Vnni) return state.SkipWithError("ISA not available");
  constexpr int64_t kLoops = 100000;
  for (auto _ : state)
    for (int64_t i = 0; i < kLoops; ++i) asm volatile(TFB_FMA12("vpdpbusd", "zmm")::: "memory");
  state.counters["GOP/s"] = benchmark::Counter(kLoops * 12.0 * 128 * state.iterations(), benchmark::Counter::kIsRate,
                                               benchmark::Counter::kIs1000);
}

#undef TFB_FMA12

}  // namespace tfb::bench
