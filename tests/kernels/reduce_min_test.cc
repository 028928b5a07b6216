#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(ReduceMin, TakesSmallest) {
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_MIN, DType::kI32, {2, 3}, {}, {{{0}, false, {3}, {}}});
  auto out = run_ours(model, {array_of(DType::kI32, {2, 3}, {-5, 7, 2, 4, -100, 3})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-5, -100, 2}));
}

TEST(ReduceMin, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_MIN, DType::kU8, {2, 6, 3}, quant(0.1f, 7),
                            {{{1, 2}, false, {2}, quant(0.1f, 7)}, {{-2}, true, {2, 1, 3}, quant(0.1f, 7)}});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kU8, {2, 6, 3}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
