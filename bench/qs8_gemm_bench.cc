// 8-bit GEMM microkernels (with their requantization) on the 1x1-convolution
// shapes of the quantized models (M = output pixels, K = input channels,
// N = output channels), one thread, next to the machine's VNNI peak. Reports
// GOP/s (2 x M x N x K per run).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "bench/peak.h"
#include "dispatch/cpu_features.h"
#include "interpreter/aligned_buffer.h"
#include "kernels/isa/qs8_gemm/qs8_gemm.h"
#include "kernels/weight_packing.h"

namespace {

using namespace tfb;

void run(benchmark::State& state, QS8GemmUkernel ukernel, size_t mr, size_t nr, size_t kr, IsaLevel isa) {
  if (detected_isa() < isa) return state.SkipWithError("ISA not available");
  const size_t m = state.range(0), k = state.range(1), n = state.range(2);
  std::mt19937 rng(1);
  std::vector<uint8_t> a(m * k + kr);
  std::vector<uint8_t> w(n * k);  // an int8 filter
  std::vector<int32_t> bias(n);
  std::vector<float> scale(n);
  for (auto& v : a) v = static_cast<uint8_t>(rng());
  for (auto& v : w) v = static_cast<uint8_t>(rng());
  for (auto& v : bias) v = static_cast<int32_t>(rng() % 20000) - 10000;
  for (auto& v : scale) v = 1e-4f * (1 + rng() % 100);
  AlignedBuffer packed(qs8_gemm_packed_size(nr, kr, n, 1, k));
  pack_qs8_gemm_weights(nr, kr, n, 1, k, QuantFilter::int8(w.data()), k, 1, 0, bias.data(), scale.data(),
                        packed.data());
  std::vector<uint8_t> c(m * n);
  const QS8GemmParams params{0x80808080u, 0, -128.f, 127.f, 0};
  for (auto _ : state) {
    for (size_t i = 0; i < m; i += mr)
      ukernel(std::min(mr, m - i), n, k, 1, a.data() + i * k, k, 0, packed.data(), c.data() + i * n, n, params);
    benchmark::DoNotOptimize(c.data());
  }
  state.counters["GOP/s"] = benchmark::Counter(2.0 * m * n * k * state.iterations(), benchmark::Counter::kIsRate,
                                               benchmark::Counter::kIs1000);
}

// {M, K, N}: mobilenet_v2 (224) expansions and projections, the first
// convolution as im2col (K = 27), ssd_mobilenet_v1 (300).
void shapes(benchmark::internal::Benchmark* b) {
  for (auto s : std::vector<std::vector<int64_t>>{{12544, 27, 32},
                                                  {12544, 16, 96},
                                                  {3136, 24, 144},
                                                  {3136, 144, 24},
                                                  {784, 32, 192},
                                                  {784, 192, 32},
                                                  {196, 64, 384},
                                                  {196, 384, 64},
                                                  {49, 160, 960},
                                                  {49, 960, 160},
                                                  {49, 320, 1280},
                                                  {5625, 96, 96},
                                                  {361, 384, 384},
                                                  {1, 1024, 1001}})
    b->Args(s);
  b->ArgNames({"M", "K", "N"});
}

#define GEMM_BENCH(name, mr, nr, kr, isa) \
  BENCHMARK_CAPTURE(run, name, qs8_gemm_ukernel_##name, mr, nr, kr, isa)->Apply(shapes);

using bench::int8_vnni_peak;
BENCHMARK(int8_vnni_peak);
GEMM_BENCH(2x8c8__avx2, 2, 8, 8, IsaLevel::kAvx2)
GEMM_BENCH(8x16c4__avx512vnni, 8, 16, 4, IsaLevel::kAvx512Vnni)
GEMM_BENCH(6x32c4__avx512vnni, 6, 32, 4, IsaLevel::kAvx512Vnni)

}  // namespace
