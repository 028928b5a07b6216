#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> shape_model(DType out_type, Shape in) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, in);
  int y = w.add_tensor("y", out_type, {in.rank});
  tflfb::ShapeOptionsT o;
  o.out_type = out_type == DType::kI64 ? tflfb::TensorType_INT64 : tflfb::TensorType_INT32;
  w.add_op(tflfb::BuiltinOperator_SHAPE, {x}, {y}, o);
  w.add_output(y);
  return w.finish();
}

TEST(Shape, ReportsDimensionsAsInt32OrInt64) {
  for (DType t : {DType::kI32, DType::kI64}) {
    auto out = run_ours(shape_model(t, {2, 5, 3}), {random_of(DType::kF32, {2, 5, 3}, 1)});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].type, t);
    EXPECT_EQ(values_of(out[0]), (std::vector<double>{2, 5, 3}));
  }
}

TEST(Shape, FollowsResizedInput) {
  auto out = run_ours(shape_model(DType::kI32, {1, 4}), {random_of(DType::kF32, {3, 7}, 1)});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 7}));
}

TEST(Shape, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(shape_model(DType::kI32, {1, 8, 6, 3}), {random_of(DType::kF32, {1, 8, 6, 3}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
