#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> arg_model(tflfb::BuiltinOperator op, DType type, Shape in, int axis, DType out_type, Shape out) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  int a = w.add_constant<int32_t>("axis", DType::kI32, {}, {axis});
  int y = w.add_tensor("y", out_type, out);
  const auto tt = out_type == DType::kI64 ? tflfb::TensorType_INT64 : tflfb::TensorType_INT32;
  if (op == tflfb::BuiltinOperator_ARG_MAX) {
    tflfb::ArgMaxOptionsT o;
    o.output_type = tt;
    w.add_op(op, {x, a}, {y}, o);
  } else {
    tflfb::ArgMinOptionsT o;
    o.output_type = tt;
    w.add_op(op, {x, a}, {y}, o);
  }
  w.add_output(y);
  return w.finish();
}

TEST(ArgMax, FirstIndexOfLargestWins) {
  auto out = run_ours(arg_model(tflfb::BuiltinOperator_ARG_MAX, DType::kF32, {2, 3}, 1, DType::kI64, {2}),
                      {array_of(DType::kF32, {2, 3}, {1, 5, 5, -1, -3, -2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].type, DType::kI64);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 0}));
}

TEST(ArgMin, IndexOfSmallestAlongFirstAxis) {
  auto out = run_ours(arg_model(tflfb::BuiltinOperator_ARG_MIN, DType::kU8, {2, 3}, 0, DType::kI32, {3}),
                      {array_of(DType::kU8, {2, 3}, {1, 5, 5, 9, 3, 5})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 1, 0}));
}

TEST(ArgMax, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(
      same_as_tflite(arg_model(tflfb::BuiltinOperator_ARG_MAX, DType::kI8, {1, 9, 9, 17}, 3, DType::kI32, {1, 9, 9}),
                     {random_of(DType::kI8, {1, 9, 9, 17}, 1)}, true));
  EXPECT_TRUE(
      same_as_tflite(arg_model(tflfb::BuiltinOperator_ARG_MAX, DType::kU8, {1, 5, 7, 21}, -1, DType::kI64, {1, 5, 7}),
                     {random_of(DType::kU8, {1, 5, 7, 21}, 2)}, true));
  EXPECT_TRUE(same_as_tflite(arg_model(tflfb::BuiltinOperator_ARG_MIN, DType::kF32, {4, 6}, 0, DType::kI32, {6}),
                             {random_of(DType::kF32, {4, 6}, 3)}, true));
}

}  // namespace
}  // namespace tfb::test
