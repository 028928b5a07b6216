#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(ReduceProd, MultipliesOverAxes) {
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_PROD, DType::kF32, {2, 3}, {}, {{{1}, false, {2}, {}}});
  auto out = run_ours(model, {array_of(DType::kF32, {2, 3}, {1, 2, 3, -1, 0.5, 4})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{6, -2}));
}

TEST(ReduceProd, RejectsQuantized) {
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_PROD, DType::kI8, {2}, quant(1.f, 0),
                            {{{0}, false, {}, quant(1.f, 0)}});
  EXPECT_EQ(run_status(model, {random_of(DType::kI8, {2}, 1)}).kind(), ErrorKind::kUnsupported);
}

TEST(ReduceProd, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = reduce_model(tflfb::BuiltinOperator_REDUCE_PROD, DType::kF32, {3, 4, 2}, {}, {{{0, 2}, false, {4}, {}}});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kF32, {3, 4, 2}, 1)}));
}

}  // namespace
}  // namespace tfb::test
