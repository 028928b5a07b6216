// The depthwise microkernels at every ISA level this machine has, through the
// packed layers' drivers (F32Dwconv, QS8Dwconv): float against the portable
// kernel (baseline level) within a tight tolerance, 8-bit against the
// reference kernel, exactly. Geometries cover padding on every side, strides
// 1 and 2, dilation, rows narrower than the filter, and channel tails.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kernels/packed_dwconv.h"
#include "kernels/reference/conv.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

struct Case {
  int h, w, c, k, stride, dilation;
  tflfb::Padding padding;
};

const std::vector<Case> kCases = {
    {7, 9, 8, 3, 1, 1, tflfb::Padding_SAME},    {8, 8, 16, 3, 2, 1, tflfb::Padding_SAME},
    {9, 11, 19, 3, 2, 1, tflfb::Padding_VALID}, {10, 12, 37, 3, 1, 2, tflfb::Padding_SAME},
    {2, 2, 5, 3, 1, 1, tflfb::Padding_SAME},    {5, 13, 48, 3, 1, 1, tflfb::Padding_VALID},
    {6, 7, 1, 3, 2, 2, tflfb::Padding_SAME},    {6, 9, 24, 5, 1, 1, tflfb::Padding_SAME},
    {4, 17, 33, 3, 1, 1, tflfb::Padding_SAME},
};

ConvGeometry geometry(const Case& k) {
  ConvGeometry g;
  const int32_t nhwc[4] = {2, k.h, k.w, k.c};
  WindowOptions w{k.padding, k.stride, k.stride, k.dilation, k.dilation};
  EXPECT_TRUE(conv_geometry(nhwc, k.k, k.k, k.c, w, &g).ok());
  return g;
}

std::string describe(const Case& k) {
  return std::to_string(k.h) + "x" + std::to_string(k.w) + "x" + std::to_string(k.c) + " k" + std::to_string(k.k) +
         " s" + std::to_string(k.stride) + " d" + std::to_string(k.dilation) +
         (k.padding == tflfb::Padding_SAME ? " same" : " valid");
}

TEST(F32Dwconv, EveryLevelMatchesThePortableKernel) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  for (const Case& k : kCases) {
    const ConvGeometry g = geometry(k);
    std::vector<float> in(static_cast<size_t>(g.batches) * g.in_h * g.in_w * g.in_c), w(g.taps() * g.out_c),
        bias(g.out_c);
    for (float& v : in) v = u(rng);
    for (float& v : w) v = u(rng);
    for (float& v : bias) v = u(rng);
    const FloatRange act{-1.5f, 2.f};
    const int64_t rows = int64_t{g.batches} * g.out_h;
    const size_t out_size = static_cast<size_t>(g.out_pixels()) * g.out_c;
    std::vector<float> expected(out_size);
    {
      ScopedIsa isa(IsaLevel::kBaseline);
      F32Dwconv portable;
      portable.pack(g, w.data(), bias.data());
      portable.run_rows(in.data(), expected.data(), act, 0, rows);
    }
    for (IsaLevel level : isa_levels()) {
      ScopedIsa isa(level);
      F32Dwconv dw;
      dw.pack(g, w.data(), bias.data());
      SCOPED_TRACE(::testing::Message() << isa_name(level) << " " << dw.kernel_name() << " " << describe(k));
      std::vector<float> got(out_size, NAN);
      // Rows in two calls, as two threads would run them.
      dw.run_rows(in.data(), got.data(), act, 0, rows / 2);
      dw.run_rows(in.data(), got.data(), act, rows / 2, rows);
      for (size_t i = 0; i < out_size; ++i) ASSERT_NEAR(got[i], expected[i], 1e-5f * g.taps()) << "element " << i;
    }
  }
}

TEST(QS8Dwconv, EveryLevelIsExact) {
  for (DType type : {DType::kI8, DType::kU8})
    for (const Case& k : kCases) {
      const ConvGeometry g = geometry(k);
      std::mt19937 rng(5);
      const bool s8 = type == DType::kI8;
      const int32_t a_zp = s8 ? 7 : 120;
      std::vector<uint8_t> in(static_cast<size_t>(g.batches) * g.in_h * g.in_w * g.in_c);
      for (auto& v : in) v = static_cast<uint8_t>(rng());
      // Filters minus their zero point: int8, or uint8 ones spanning 256 values.
      std::vector<int16_t> w(g.taps() * g.out_c);
      for (auto& v : w)
        v = static_cast<int16_t>(std::uniform_int_distribution<int>(s8 ? -127 : -131, s8 ? 127 : 124)(rng));
      std::vector<uint8_t> stored(w.size());  // uint8: zero point 131
      for (size_t i = 0; i < w.size(); ++i) stored[i] = static_cast<uint8_t>(s8 ? w[i] : w[i] + 131);
      const QuantFilter filter = s8 ? QuantFilter::int8(stored.data()) : QuantFilter::uint8(stored.data(), 131);
      std::vector<int64_t> bias(g.out_c);
      for (auto& v : bias) v = std::uniform_int_distribution<int>(-5000, 5000)(rng);
      Requantization rq;
      rq.arithmetic = Requantization::Arithmetic::kFloatScale;
      rq.zero_point = s8 ? 2 : 128;
      rq.range = s8 ? IntRange{-128, 127} : IntRange{0, 200};
      for (int c = 0; c < g.out_c; ++c) rq.scale.push_back(0.004f * (1 + c % 4));

      const size_t out_size = static_cast<size_t>(g.out_pixels()) * g.out_c;
      std::vector<uint8_t> expected(out_size);
      auto finish = [&](int32_t acc, int, int c) {
        float v = static_cast<float>(acc + bias[c]) * rq.scale[c];
        v = std::clamp(v, static_cast<float>(rq.range.min - rq.zero_point),
                       static_cast<float>(rq.range.max - rq.zero_point));
        return static_cast<uint8_t>(static_cast<int32_t>(std::nearbyint(v)) + rq.zero_point);
      };
      if (s8)
        reference::depthwise_conv_2d<int32_t>(g, reinterpret_cast<const int8_t*>(in.data()), a_zp, w.data(), 0,
                                              expected.data(), finish);
      else
        reference::depthwise_conv_2d<int32_t>(g, in.data(), a_zp, w.data(), 0, expected.data(), finish);
      for (IsaLevel level : isa_levels()) {
        ScopedIsa isa(level);
        QS8Dwconv dw;
        dw.pack(g, type, a_zp, filter, bias, rq);
        SCOPED_TRACE(::testing::Message() << isa_name(level) << " " << dw.kernel_name() << " " << describe(k));
        std::vector<uint8_t> got(out_size, 0xEE);
        const int64_t rows = int64_t{g.batches} * g.out_h;
        dw.run_rows(in.data(), got.data(), 0, rows / 2);
        dw.run_rows(in.data(), got.data(), rows / 2, rows);
        for (size_t i = 0; i < out_size; ++i) ASSERT_EQ(int{got[i]}, int{expected[i]}) << "element " << i;
      }
    }
}

}  // namespace
}  // namespace tfb::test
