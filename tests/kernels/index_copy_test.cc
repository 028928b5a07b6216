// The copy engine behind the data-movement kernels against its
// element-by-element reference, over random maps (strided, tabled, with
// fills, zero-sized and single-index dimensions) and element sizes.
#include "kernels/index_copy.h"

#include <random>

#include "kernels/reference/index_copy.h"
#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(IndexCopy, MatchesReferenceOnRandomMaps) {
  std::mt19937 rng(42);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 400; ++trial) {
    const size_t elem = std::vector<size_t>{1, 2, 3, 4, 8, 16}[pick(0, 5)];
    const int rank = pick(1, 5);
    std::vector<std::vector<int64_t>> maps;
    IndexCopy copy;
    int64_t in_count = 1;
    for (int d = rank - 1; d >= 0; --d) {  // input laid out row-major, innermost first
      const int64_t in_dim = pick(1, 5);
      const int64_t size = pick(0, 6);
      std::vector<int64_t> map(static_cast<size_t>(size));
      const int kind = pick(0, 3);
      const int64_t start = pick(0, static_cast<int>(in_dim) - 1);
      for (int64_t o = 0; o < size; ++o) {
        int64_t i = 0;
        if (kind == 0)
          i = o % in_dim;  // identity / tiling
        else if (kind == 1)
          i = (start + o) % in_dim;  // shifted
        else if (kind == 2)
          i = pick(0, static_cast<int>(in_dim) - 1);  // arbitrary
        else
          i = pick(-1, static_cast<int>(in_dim) - 1);  // with fills
        map[o] = i < 0 ? IndexCopy::kFill : i * in_count;
      }
      in_count *= in_dim;
      maps.insert(maps.begin(), map);
    }
    for (const auto& m : maps) {
      const bool strided = m.size() == 2 && m[0] >= 0 && m[1] >= 0;
      if (strided)
        copy.add_strided(2, m[0], m[1] - m[0]);  // exercise both entry points
      else
        copy.add_table(m);
    }
    copy.finish(elem);
    std::vector<uint8_t> in(static_cast<size_t>(in_count) * elem), fill(elem);
    for (auto& b : in) b = static_cast<uint8_t>(pick(0, 255));
    for (auto& b : fill) b = static_cast<uint8_t>(pick(0, 255));
    std::vector<uint8_t> ours(static_cast<size_t>(copy.output_count()) * elem, 0xAA), ref(ours.size(), 0x55);
    copy.run(in.data(), ours.data(), fill.data());
    reference::index_copy(maps, elem, in.data(), ref.data(), fill.data());
    ASSERT_EQ(ours, ref) << "trial " << trial;
  }
}

}  // namespace
}  // namespace tfb::test
