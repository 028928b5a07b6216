// QuantFilter reads an 8-bit filter in place as value minus zero point; its
// row statistics (vectorized, summed in int32 chunks) must equal a plain
// int64 loop over the same values, for both signednesses and any stride.
#include "kernels/quant_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

namespace tfb {
namespace {

FilterRowStats naive(const QuantFilter& w, size_t count, size_t stride) {
  FilterRowStats st;
  for (size_t i = 0; i < count; ++i) {
    const int32_t v = w[i * stride];
    st.sum += v;
    st.abs_sum += std::abs(v);
    st.lo = i == 0 ? v : std::min(st.lo, v);
    st.hi = i == 0 ? v : std::max(st.hi, v);
  }
  return st;
}

TEST(QuantFilter, ReadsValuesMinusZeroPoint) {
  const std::vector<uint8_t> bytes = {0, 1, 127, 128, 200, 255};
  const QuantFilter s8 = QuantFilter::int8(bytes.data()), u8 = QuantFilter::uint8(bytes.data(), 130);
  for (size_t i = 0; i < bytes.size(); ++i) {
    EXPECT_EQ(s8[i], static_cast<int8_t>(bytes[i])) << i;
    EXPECT_EQ(u8[i], int32_t{bytes[i]} - 130) << i;
  }
  EXPECT_EQ(u8.from(4)[1], 255 - 130);
}

TEST(QuantFilter, RowStatsMatchAPlainLoop) {
  // Mostly extreme values, more of them than an int32 sum holds (2^31 / 255),
  // so sums must be carried past the int32 chunks.
  const size_t n = (size_t{3} << 22) + 1000;
  std::vector<uint8_t> bytes(n);
  std::mt19937 rng(3);
  for (bool is_signed : {true, false}) {
    const uint8_t extreme = is_signed ? 0x80 : 0xFF;  // -128, or 255 with zero point 0
    for (auto& b : bytes) b = rng() % 8 == 0 ? static_cast<uint8_t>(rng()) : extreme;
    const QuantFilter w = is_signed ? QuantFilter::int8(bytes.data()) : QuantFilter::uint8(bytes.data(), 0);
    for (size_t stride : {size_t{1}, size_t{3}})
      for (size_t count : {size_t{0}, size_t{1}, size_t{17}, (n - 1) / stride + 1}) {
        const FilterRowStats got = w.row_stats(count, stride), want = naive(w, count, stride);
        SCOPED_TRACE(::testing::Message()
                     << (is_signed ? "int8" : "uint8") << " stride " << stride << " count " << count);
        EXPECT_EQ(got.sum, want.sum);
        EXPECT_EQ(got.abs_sum, want.abs_sum);
        EXPECT_EQ(got.lo, want.lo);
        EXPECT_EQ(got.hi, want.hi);
      }
  }
}

}  // namespace
}  // namespace tfb
