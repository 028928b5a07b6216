#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> nn_model(DType type, Shape in, int32_t h, int32_t w_, bool align, bool half,
                              bool runtime = false) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  int s = runtime ? w.add_input("size", DType::kI32, {2}) : w.add_constant<int32_t>("size", DType::kI32, {2}, {h, w_});
  int y = w.add_tensor("y", type, {in[0], h, w_, in[3]});
  tflfb::ResizeNearestNeighborOptionsT o;
  o.align_corners = align;
  o.half_pixel_centers = half;
  w.add_op(tflfb::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, {x, s}, {y}, o, align || half ? 3 : 1);
  w.add_output(y);
  return w.finish();
}

TEST(ResizeNearestNeighbor, DoublesEachPixel) {
  auto out =
      run_ours(nn_model(DType::kF32, {1, 1, 2, 1}, 2, 4, false, false), {array_of(DType::kF32, {1, 1, 2, 1}, {1, 2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 1, 2, 2, 1, 1, 2, 2}));
}

TEST(ResizeNearestNeighbor, SizeComputedAtRunTime) {
  auto model = nn_model(DType::kF32, {1, 2, 2, 1}, 1, 1, false, false, true);
  auto out = run_ours(model, {array_of(DType::kF32, {1, 2, 2, 1}, {1, 2, 3, 4}), array_of(DType::kI32, {2}, {1, 2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{1, 1, 2, 1}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2}));
}

TEST(ResizeNearestNeighbor, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  NpyArray x = random_of(DType::kF32, {1, 5, 7, 3}, 2);
  EXPECT_TRUE(same_as_tflite(nn_model(DType::kF32, {1, 5, 7, 3}, 10, 14, false, false), {x}, true));
  EXPECT_TRUE(same_as_tflite(nn_model(DType::kF32, {1, 5, 7, 3}, 9, 11, true, false), {x}, true));
  EXPECT_TRUE(same_as_tflite(nn_model(DType::kF32, {1, 5, 7, 3}, 8, 3, false, true), {x}, true));
}

}  // namespace
}  // namespace tfb::test
