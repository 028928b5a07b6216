#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(Sum, AddsOverAxes) {
  auto model = reduce_model(tflfb::BuiltinOperator_SUM, DType::kF32, {2, 3}, {},
                            {{{1}, false, {2}, {}}, {{0, 1, -1}, true, {1, 1}, {}}});
  auto out = run_ours(model, {array_of(DType::kF32, {2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{6, 15}));
  EXPECT_EQ(values_of(out[1]), std::vector<double>{21});
}

TEST(Sum, RescalesQuantizedSum) {
  // in: scale 0.5, zp 2; out: scale 1, zp 0. Sum of (q - 2) * 0.5.
  auto model =
      reduce_model(tflfb::BuiltinOperator_SUM, DType::kU8, {1, 3}, quant(0.5f, 2), {{{1}, false, {1}, quant(1.f, 0)}});
  auto out = run_ours(model, {array_of(DType::kU8, {1, 3}, {4, 6, 9})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), std::vector<double>{7});  // (2 + 4 + 7) * 0.5 = 6.5 rounds away from zero
}

TEST(Sum, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = reduce_model(tflfb::BuiltinOperator_SUM, DType::kF32, {3, 4, 5}, {},
                            {{{1}, false, {3, 5}, {}}, {{0, 2}, true, {1, 4, 1}, {}}});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kF32, {3, 4, 5}, 1)}));
  model = reduce_model(tflfb::BuiltinOperator_SUM, DType::kI8, {2, 4, 5}, quant(0.02f, -3),
                       {{{2}, false, {2, 4}, quant(0.2f, 1)}});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kI8, {2, 4, 5}, 2)}, true));
}

}  // namespace
}  // namespace tfb::test
