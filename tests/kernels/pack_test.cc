#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> pack_model(DType type, Shape in, int n, int axis, Shape out) {
  ModelWriter w;
  std::vector<int> xs;
  for (int i = 0; i < n; ++i) xs.push_back(w.add_input("x" + std::to_string(i), type, in));
  int y = w.add_tensor("y", type, out);
  tflfb::PackOptionsT o;
  o.values_count = n;
  o.axis = axis;
  w.add_op(tflfb::BuiltinOperator_PACK, xs, {y}, o);
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> unpack_model(DType type, Shape in, int axis, int n, Shape out) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  std::vector<int> ys;
  for (int i = 0; i < n; ++i) ys.push_back(w.add_tensor("y" + std::to_string(i), type, out));
  tflfb::UnpackOptionsT o;
  o.num = n;
  o.axis = axis;
  w.add_op(tflfb::BuiltinOperator_UNPACK, {x}, ys, o);
  for (int y : ys) w.add_output(y);
  return w.finish();
}

TEST(Pack, StacksScalarsAndAlongInnerAxis) {
  auto out = run_ours(pack_model(DType::kI32, {}, 3, 0, {3}),
                      {array_of(DType::kI32, {}, {4}), array_of(DType::kI32, {}, {5}), array_of(DType::kI32, {}, {6})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{4, 5, 6}));
  out = run_ours(pack_model(DType::kF32, {2}, 2, 1, {2, 2}),
                 {array_of(DType::kF32, {2}, {1, 2}), array_of(DType::kF32, {2}, {3, 4})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 3, 2, 4}));
}

TEST(Pack, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(pack_model(DType::kI8, {3, 4}, 2, -1, {3, 4, 2}),
                             {random_of(DType::kI8, {3, 4}, 1), random_of(DType::kI8, {3, 4}, 2)}, true));
}

TEST(Unpack, SlicesAlongAxis) {
  auto out =
      run_ours(unpack_model(DType::kF32, {2, 3}, 1, 3, {2}), {array_of(DType::kF32, {2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 4}));
  EXPECT_EQ(values_of(out[2]), (std::vector<double>{3, 6}));
}

TEST(Unpack, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(unpack_model(DType::kI8, {1, 2, 17}, 1, 2, {1, 17}),
                             {random_of(DType::kI8, {1, 2, 17}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
