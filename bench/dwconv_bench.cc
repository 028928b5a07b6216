// Depthwise-convolution microkernels (3x3, through the packed layers' drivers
// F32Dwconv and QS8Dwconv) on the depthwise layers of MobileNet v2 and
// DeepLab v3, one thread, at each ISA level, next to the machine's FMA peak
// (a depthwise multiply-add needs its own load, so the loads bound it well
// below that peak). Reports GFLOP/s or GOP/s (2 per multiply-add, padding
// taps included as the kernels compute them).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "bench/peak.h"
#include "dispatch/cpu_features.h"
#include "kernels/packed_dwconv.h"

namespace {

using namespace tfb;

ConvGeometry geometry(const benchmark::State& state) {
  ConvGeometry g;
  const int32_t nhwc[4] = {1, static_cast<int32_t>(state.range(0)), static_cast<int32_t>(state.range(0)),
                           static_cast<int32_t>(state.range(1))};
  const int stride = static_cast<int>(state.range(2)), dilation = static_cast<int>(state.range(3));
  WindowOptions w{tflfb::Padding_SAME, stride, stride, dilation, dilation};
  if (!conv_geometry(nhwc, 3, 3, nhwc[3], w, &g).ok()) std::abort();
  return g;
}

void report(benchmark::State& state, const ConvGeometry& g, const char* unit) {
  state.counters[unit] = benchmark::Counter(2.0 * g.out_pixels() * g.out_c * g.taps() * state.iterations(),
                                            benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

void f32(benchmark::State& state, IsaLevel level) {
  if (detected_isa() < level) return state.SkipWithError("ISA not available");
  set_isa(level);
  const ConvGeometry g = geometry(state);
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> in(static_cast<size_t>(g.in_h) * g.in_w * g.in_c), w(9 * g.out_c), bias(g.out_c),
      out(g.out_pixels() * g.out_c);
  for (float& v : in) v = u(rng);
  for (float& v : w) v = u(rng);
  F32Dwconv dw;
  dw.pack(g, w.data(), bias.data());
  for (auto _ : state) {
    dw.run_rows(in.data(), out.data(), {0.f, 6.f}, 0, g.out_h);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, g, "GFLOP/s");
  set_isa(detected_isa());
}

void qu8(benchmark::State& state, IsaLevel level) {
  if (detected_isa() < level) return state.SkipWithError("ISA not available");
  set_isa(level);
  const ConvGeometry g = geometry(state);
  std::mt19937 rng(1);
  std::vector<uint8_t> in(static_cast<size_t>(g.in_h) * g.in_w * g.in_c), out(g.out_pixels() * g.out_c);
  for (auto& v : in) v = static_cast<uint8_t>(rng());
  std::vector<uint8_t> w(9 * g.out_c);  // a uint8 filter with zero point 128
  for (auto& v : w) v = static_cast<uint8_t>(rng());
  Requantization rq;
  rq.arithmetic = Requantization::Arithmetic::kFloatScale;
  rq.scale.assign(g.out_c, 1e-3f);
  rq.zero_point = 128;
  rq.range = {0, 255};
  QS8Dwconv dw;
  dw.pack(g, DType::kU8, 120, QuantFilter::uint8(w.data(), 128), std::vector<int64_t>(g.out_c, 100), rq);
  for (auto _ : state) {
    dw.run_rows(in.data(), out.data(), 0, g.out_h);
    benchmark::DoNotOptimize(out.data());
  }
  report(state, g, "GOP/s");
  set_isa(detected_isa());
}

// {size, channels, stride, dilation}: mobilenet_v2 224 depthwise layers,
// deeplabv3's dilated 33 x 33 one.
void shapes(benchmark::internal::Benchmark* b) {
  for (auto s : std::vector<std::vector<int64_t>>{{112, 32, 1, 1},
                                                  {112, 96, 2, 1},
                                                  {56, 144, 1, 1},
                                                  {28, 192, 1, 1},
                                                  {14, 576, 1, 1},
                                                  {7, 960, 1, 1},
                                                  {33, 480, 1, 2}})
    b->Args(s);
  b->ArgNames({"HW", "C", "stride", "dilation"});
}

using bench::f32_peak;
BENCHMARK_CAPTURE(f32_peak, zmm_fma, true);
BENCHMARK_CAPTURE(f32_peak, ymm_fma, false);
BENCHMARK_CAPTURE(f32, baseline, IsaLevel::kBaseline)->Apply(shapes);
BENCHMARK_CAPTURE(f32, avx2, IsaLevel::kAvx2)->Apply(shapes);
BENCHMARK_CAPTURE(f32, avx512, IsaLevel::kAvx512)->Apply(shapes);
BENCHMARK_CAPTURE(qu8, baseline, IsaLevel::kBaseline)->Apply(shapes);
BENCHMARK_CAPTURE(qu8, avx2, IsaLevel::kAvx2)->Apply(shapes);
BENCHMARK_CAPTURE(qu8, avx512, IsaLevel::kAvx512)->Apply(shapes);

}  // namespace
