// L2_NORMALIZATION: hand-computed values (including an all-zero row) and
// the real TFLite.
#include "op_grid.h"

namespace tfb::test {
namespace {

TEST(L2Normalization, ByHand) {
  OpGrid g;
  const int x = g.input("x", array_of<float>(DType::kF32, {2, 2}, {3.f, -4.f, 0.f, 0.f}));
  g.writer().add_op(tflfb::BuiltinOperator_L2_NORMALIZATION, {x}, {g.output("y", DType::kF32, {2, 2})},
                    tflfb::L2NormOptionsT{});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0.6f, -0.8f, 0, 0}));
}

TEST(L2NormalizationVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 800;
  for (const std::vector<int64_t>& shape : {std::vector<int64_t>{1, 64}, {3, 5, 7}, {2, 2, 2, 33}}) {
    const int x = g.input("x", random_array(DType::kF32, shape, seed++, -3, 3));
    g.writer().add_op(tflfb::BuiltinOperator_L2_NORMALIZATION, {x},
                      {g.output("L2 " + OpGrid::to_shape(shape).str(), DType::kF32, OpGrid::to_shape(shape))},
                      tflfb::L2NormOptionsT{});
  }
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
