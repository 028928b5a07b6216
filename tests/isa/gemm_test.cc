// The GEMM microkernels at every ISA level this machine has, through the
// packed products the layers use (F32Gemm, QS8Gemm): float against the
// portable kernel (baseline level) within a tight tolerance, 8-bit against
// the plain integer formula, exactly. Shapes cover tile tails in rows,
// columns and depth, column sub-ranges, and segmented rows.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kernels/f32_gemm.h"
#include "kernels/qs8_gemm.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

struct Shape {
  size_t m, n, k, ks;  // rows, columns, depth, segments per row (k = ks x kc)
};

// Rows of kc-value segments: row i segment s at i * lda + s * ks_stride, so
// consecutive rows overlap the way a convolution's receptive fields do.
struct Layout {
  size_t lda, ks_stride, size;
};

Layout layout(const Shape& s) {
  const size_t kc = s.k / s.ks;
  Layout l;
  l.lda = kc / 2 + 1;
  l.ks_stride = s.m * l.lda + kc + 3;
  l.size = (s.m - 1) * l.lda + (s.ks - 1) * l.ks_stride + kc;
  return l;
}

const std::vector<Shape> kShapes = {
    {1, 1, 1, 1},    {3, 7, 5, 1},   {6, 16, 8, 1},   {7, 17, 9, 1},    {8, 32, 16, 1},  {9, 33, 27, 3},
    {13, 48, 64, 1}, {2, 70, 96, 1}, {25, 40, 12, 3}, {1, 100, 130, 1}, {12, 24, 33, 3}, {5, 130, 72, 2},
};

std::vector<float> random_floats(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1.f, 1.f);
  std::vector<float> v(n);
  for (float& x : v) x = u(rng);
  return v;
}

TEST(F32Gemm, EveryLevelMatchesThePortableKernel) {
  for (const Shape& s : kShapes) {
    const Layout l = layout(s);
    const std::vector<float> a = random_floats(l.size, 1), w = random_floats(s.n * s.k, 2),
                             bias = random_floats(s.n, 3);
    const FloatRange act{-0.5f, 0.75f};
    F32Gemm portable;
    {
      ScopedIsa isa(IsaLevel::kBaseline);
      portable.pack(s.n, s.k, w.data(), s.k, 1, bias.data(), s.ks);
    }
    std::vector<float> expected(s.m * s.n);
    portable.run(s.m, a.data(), l.lda, expected.data(), s.n, act, 0, s.n, l.ks_stride);
    for (IsaLevel level : isa_levels()) {
      ScopedIsa isa(level);
      F32Gemm gemm;
      gemm.pack(s.n, s.k, w.data(), s.k, 1, bias.data(), s.ks);
      SCOPED_TRACE(::testing::Message() << isa_name(level) << " " << gemm.kernel_name() << " m " << s.m << " n " << s.n
                                        << " k " << s.k << " ks " << s.ks);
      // The whole product, then its second half of column blocks on its own.
      std::vector<float> got(s.m * s.n, NAN);
      gemm.run(s.m, a.data(), l.lda, got.data(), s.n, act, 0, s.n, l.ks_stride);
      const size_t j0 = (s.n / 2) / gemm.nr() * gemm.nr();
      std::vector<float> part(s.m * s.n, NAN);
      gemm.run(s.m, a.data(), l.lda, part.data(), s.n, act, j0, s.n, l.ks_stride);
      for (size_t i = 0; i < s.m * s.n; ++i) {
        // Multiply-adds fused or not: a few ulps of the sum's magnitude.
        const float tol = 1e-5f * static_cast<float>(s.k + 1);
        ASSERT_NEAR(got[i], expected[i], tol) << "element " << i;
        if (i % s.n >= j0)
          ASSERT_EQ(part[i], got[i]) << "element " << i;
        else
          ASSERT_TRUE(std::isnan(part[i])) << "element " << i << " outside the columns was written";
      }
    }
  }
}

// XNNPACK's requantization of a plain integer sum.
int32_t requantize(int64_t acc, float scale, const Requantization& rq) {
  float v = static_cast<float>(static_cast<int32_t>(acc)) * scale;
  v = std::clamp(v, static_cast<float>(rq.range.min - rq.zero_point), static_cast<float>(rq.range.max - rq.zero_point));
  return static_cast<int32_t>(std::nearbyint(v)) + rq.zero_point;
}

struct QuantCase {
  DType type;
  int32_t a_zp;
  int16_t w_lo, w_hi;  // weights minus their zero point (uint8 filters: zero point -w_lo)
};

TEST(QS8Gemm, EveryLevelIsExact) {
  const std::vector<QuantCase> cases = {
      {DType::kI8, -5, -127, 127},   // int8 filters
      {DType::kU8, 121, -131, 124},  // uint8 filter, zero point 131: needs the shift into int8
      {DType::kU8, 0, -100, 100},
      {DType::kI8, 127, -128, 127},
  };
  for (const QuantCase& q : cases)
    for (const Shape& s : kShapes) {
      const Layout l = layout(s);
      std::mt19937 rng(7);
      const IntRange in_range = q.type == DType::kI8 ? IntRange{-128, 127} : IntRange{0, 255};
      std::vector<uint8_t> a(l.size);
      for (auto& v : a) v = static_cast<uint8_t>(std::uniform_int_distribution<int>(in_range.min, in_range.max)(rng));
      std::vector<int16_t> w(s.n * s.k);
      for (auto& v : w) v = static_cast<int16_t>(std::uniform_int_distribution<int>(q.w_lo, q.w_hi)(rng));
      // The filter as stored: int8, or uint8 with zero point -w_lo.
      std::vector<uint8_t> stored(w.size());
      for (size_t i = 0; i < w.size(); ++i)
        stored[i] = static_cast<uint8_t>(q.type == DType::kI8 ? w[i] : w[i] - q.w_lo);
      const QuantFilter filter =
          q.type == DType::kI8 ? QuantFilter::int8(stored.data()) : QuantFilter::uint8(stored.data(), -q.w_lo);
      std::vector<int64_t> bias(s.n);
      for (auto& v : bias) v = std::uniform_int_distribution<int>(-20000, 20000)(rng);
      Requantization rq;
      rq.arithmetic = Requantization::Arithmetic::kFloatScale;
      rq.zero_point = q.type == DType::kI8 ? -3 : 130;
      rq.range = q.type == DType::kI8 ? IntRange{-128, 100} : IntRange{10, 255};
      for (size_t j = 0; j < s.n; ++j) rq.scale.push_back(2e-3f / std::sqrt(static_cast<float>(s.k)) * (1 + j % 3));

      std::vector<uint8_t> expected(s.m * s.n);
      const size_t kc = s.k / s.ks;
      for (size_t i = 0; i < s.m; ++i)
        for (size_t j = 0; j < s.n; ++j) {
          int64_t acc = bias[j];
          for (size_t p = 0; p < s.k; ++p) {
            const uint8_t byte = a[i * l.lda + p / kc * l.ks_stride + p % kc];
            const int32_t x = q.type == DType::kI8 ? static_cast<int8_t>(byte) : byte;
            acc += int64_t{x - q.a_zp} * w[j * s.k + p];
          }
          expected[i * s.n + j] = static_cast<uint8_t>(requantize(acc, rq.scale[j], rq));
        }
      for (IsaLevel level : isa_levels()) {
        ScopedIsa isa(level);
        if (!QS8Gemm::applies()) continue;  // the layers' int16 GEMM takes this level
        QS8Gemm gemm;
        gemm.pack(s.n, s.k, filter, s.k, 1, bias, q.type, q.a_zp, rq, 0, s.ks);
        SCOPED_TRACE(::testing::Message() << isa_name(level) << " " << gemm.kernel_name() << " " << dtype_name(q.type)
                                          << " m " << s.m << " n " << s.n << " k " << s.k << " ks " << s.ks);
        std::vector<uint8_t> got(s.m * s.n, 0xEE);
        gemm.run(s.m, a.data(), l.lda, got.data(), s.n, 0, s.n, l.ks_stride);
        for (size_t i = 0; i < got.size(); ++i) ASSERT_EQ(int{got[i]}, int{expected[i]}) << "element " << i;
      }
    }
}

}  // namespace
}  // namespace tfb::test
