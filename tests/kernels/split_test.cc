#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> split_model(DType type, Shape in, int axis, std::vector<Shape> outs) {
  ModelWriter w;
  int a = w.add_constant<int32_t>("axis", DType::kI32, {}, {axis});
  int x = w.add_input("x", type, in);
  std::vector<int> ys;
  for (size_t i = 0; i < outs.size(); ++i) ys.push_back(w.add_tensor("y" + std::to_string(i), type, outs[i]));
  tflfb::SplitOptionsT o;
  o.num_splits = static_cast<int>(outs.size());
  w.add_op(tflfb::BuiltinOperator_SPLIT, {a, x}, ys, o);
  for (int y : ys) w.add_output(y);
  return w.finish();
}

TEST(Split, EqualPieces) {
  auto out = run_ours(split_model(DType::kF32, {2, 4}, 1, {{2, 2}, {2, 2}}),
                      {array_of(DType::kF32, {2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 5, 6}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{3, 4, 7, 8}));
}

TEST(Split, RejectsUnevenSplit) {
  EXPECT_EQ(
      run_status(split_model(DType::kF32, {2, 3}, 1, {{2, 1}, {2, 1}}), {random_of(DType::kF32, {2, 3}, 1)}).kind(),
      ErrorKind::kInvalidModel);
}

TEST(Split, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(split_model(DType::kU8, {1, 6, 4, 3}, -3, {{1, 2, 4, 3}, {1, 2, 4, 3}, {1, 2, 4, 3}}),
                             {random_of(DType::kU8, {1, 6, 4, 3}, 1)}, true));
}

std::vector<uint8_t> split_v_model(Shape in, std::vector<int32_t> sizes, int axis, std::vector<Shape> outs) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, in);
  int s = w.add_constant("sizes", DType::kI32, {static_cast<int32_t>(sizes.size())}, sizes);
  int a = w.add_constant<int32_t>("axis", DType::kI32, {}, {axis});
  std::vector<int> ys;
  for (size_t i = 0; i < outs.size(); ++i) ys.push_back(w.add_tensor("y" + std::to_string(i), DType::kF32, outs[i]));
  tflfb::SplitVOptionsT o;
  o.num_splits = static_cast<int>(outs.size());
  w.add_op(tflfb::BuiltinOperator_SPLIT_V, {x, s, a}, ys, o);
  for (int y : ys) w.add_output(y);
  return w.finish();
}

TEST(SplitV, SizesWithWildcard) {
  auto out =
      run_ours(split_v_model({5}, {1, -1, 2}, 0, {{1}, {2}, {2}}), {array_of(DType::kF32, {5}, {1, 2, 3, 4, 5})});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(values_of(out[0]), std::vector<double>{1});
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{2, 3}));
  EXPECT_EQ(values_of(out[2]), (std::vector<double>{4, 5}));
}

TEST(SplitV, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(split_v_model({3, 7, 2}, {3, 4}, 1, {{3, 3, 2}, {3, 4, 2}}),
                             {random_of(DType::kF32, {3, 7, 2}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
