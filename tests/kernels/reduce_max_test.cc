#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(ReduceMax, TakesLargest) {
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_MAX, DType::kI8, {2, 3}, quant(1.f, 0),
                            {{{-1}, true, {2, 1}, quant(1.f, 0)}});
  auto out = run_ours(model, {array_of(DType::kI8, {2, 3}, {-5, 7, 2, -128, -100, -101})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{7, -100}));
}

TEST(ReduceMax, RejectsDifferentQuantization) {
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_MAX, DType::kI8, {2, 3}, quant(1.f, 0),
                            {{{1}, false, {2}, quant(2.f, 0)}});
  EXPECT_EQ(run_status(model, {random_of(DType::kI8, {2, 3}, 1)}).kind(), ErrorKind::kInvalidModel);
}

TEST(ReduceMax, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_MAX, DType::kF32, {3, 4, 5}, {},
                            {{{1}, false, {3, 5}, {}}, {{0, 2}, true, {1, 4, 1}, {}}});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kF32, {3, 4, 5}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
