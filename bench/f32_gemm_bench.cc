// f32 GEMM microkernels on the 1x1-convolution and fully connected shapes of
// the float models (M = output pixels, K = input channels, N = output
// channels), one thread, next to the machine's FMA peak. Reports GFLOP/s
// (2 x M x N x K per run).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "bench/peak.h"
#include "dispatch/cpu_features.h"
#include "interpreter/aligned_buffer.h"
#include "kernels/isa/f32_gemm/f32_gemm.h"
#include "kernels/weight_packing.h"

namespace {

using namespace tfb;

void run(benchmark::State& state, F32GemmUkernel ukernel, size_t mr, size_t nr, IsaLevel isa) {
  if (detected_isa() < isa) return state.SkipWithError("ISA not available");
  const size_t m = state.range(0), k = state.range(1), n = state.range(2);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> a(m * k), w(n * k), bias(n);
  for (float& v : a) v = u(rng);
  for (float& v : w) v = u(rng);
  for (float& v : bias) v = u(rng);
  AlignedBuffer packed(f32_gemm_packed_size(nr, n, k) * sizeof(float));
  pack_f32_gemm_weights(nr, n, k, w.data(), k, 1, bias.data(), reinterpret_cast<float*>(packed.data()));
  std::vector<float> c(m * n);
  const F32MinMax mm{0.f, 6.f};
  for (auto _ : state) {
    for (size_t i = 0; i < m; i += mr)
      ukernel(std::min(mr, m - i), n, k, 1, a.data() + i * k, k, 0, reinterpret_cast<const float*>(packed.data()),
              c.data() + i * n, n, mm);
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["GFLOP/s"] = benchmark::Counter(2.0 * m * n * k * state.iterations(), benchmark::Counter::kIsRate,
                                                 benchmark::Counter::kIs1000);
}

// {M, K, N}: mobilenet_v1_025 1x1 convolutions, deeplabv3 (33 x 33),
// face_landmark, a 1001-class classifier.
void shapes(benchmark::internal::Benchmark* b) {
  for (auto s : std::vector<std::vector<int64_t>>{{12544, 8, 16},
                                                  {3136, 16, 32},
                                                  {3136, 32, 32},
                                                  {784, 64, 64},
                                                  {196, 128, 128},
                                                  {49, 256, 256},
                                                  {1089, 480, 160},
                                                  {1089, 512, 256},
                                                  {1089, 80, 480},
                                                  {9216, 16, 16},
                                                  {1, 1024, 1001}})
    b->Args(s);
  b->ArgNames({"M", "K", "N"});
}

#define GEMM_BENCH(name, mr, nr, isa) BENCHMARK_CAPTURE(run, name, f32_gemm_ukernel_##name, mr, nr, isa)->Apply(shapes);

using bench::f32_peak;
BENCHMARK_CAPTURE(f32_peak, zmm_fma, true);
BENCHMARK_CAPTURE(f32_peak, ymm_fma, false);
GEMM_BENCH(4x8__scalar, 4, 8, IsaLevel::kBaseline)
GEMM_BENCH(6x16__avx2, 6, 16, IsaLevel::kAvx2)
GEMM_BENCH(6x32__avx512, 6, 32, IsaLevel::kAvx512)
GEMM_BENCH(8x16__avx512, 8, 16, IsaLevel::kAvx512)

}  // namespace
