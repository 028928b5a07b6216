// The merged reduction loop shared by MEAN/SUM/REDUCE_* against the
// element-by-element reference, through SUM models over random shapes and
// axis sets (including negative and repeated axes).
#include <random>

#include "kernels/reference/reduce.h"
#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(Reduction, SumMatchesReferenceOnRandomAxes) {
  std::mt19937 rng(7);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  for (int trial = 0; trial < 200; ++trial) {
    const int rank = pick(1, 5);
    Shape shape;
    std::vector<int64_t> dims;
    for (int d = 0; d < rank; ++d) {
      shape.dim[shape.rank++] = pick(1, 4);
      dims.push_back(shape.dim[d]);
    }
    std::vector<int32_t> axes;
    std::vector<bool> reduced(static_cast<size_t>(rank), false);
    for (int k = pick(0, 3); k > 0; --k) {
      const int a = pick(-rank, rank - 1);
      axes.push_back(a);
      reduced[a < 0 ? a + rank : a] = true;
    }
    if (axes.empty()) {  // an empty axis list needs a zero-size constant; use one axis instead
      axes.push_back(0);
      reduced[0] = true;
    }
    const bool keep = pick(0, 1);
    Shape out;
    for (int d = 0; d < rank; ++d)
      if (!reduced[d] || keep) out.dim[out.rank++] = reduced[d] ? 1 : shape.dim[d];
    auto model = reduce_model(tflfb::BuiltinOperator_SUM, DType::kI32, shape, {}, {{axes, keep, out, {}}});
    NpyArray x = random_array(DType::kI32, dims, static_cast<uint32_t>(trial), -100, 100);
    auto ours = run_ours(model, {x});
    ASSERT_EQ(ours.size(), 1u);
    std::vector<int64_t> expected(static_cast<size_t>(ours[0].count()), 0);
    reference::reduce(dims, reduced, reinterpret_cast<const int32_t*>(x.data.data()), expected.data(),
                      [](int64_t& acc, int32_t v) { acc += v; });
    ASSERT_EQ(values_of(ours[0]), std::vector<double>(expected.begin(), expected.end())) << "trial " << trial;
  }
}

}  // namespace
}  // namespace tfb::test
