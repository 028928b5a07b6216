#include "op_test_util.h"

namespace tfb::test {
namespace {

struct ResizeCase {
  DType type;
  Shape in;
  int32_t h, w;
  bool align_corners, half_pixel;
};

std::vector<uint8_t> resize_model(tflfb::BuiltinOperator op, const ResizeCase& c, bool runtime_size = false) {
  ModelWriter w;
  Quant q = c.type == DType::kF32 ? Quant{} : quant(0.05f, c.type == DType::kU8 ? 128 : c.type == DType::kI8 ? -3 : 0);
  int x = w.add_input("x", c.type, c.in, q);
  int s = runtime_size ? w.add_input("size", DType::kI32, {2})
                       : w.add_constant<int32_t>("size", DType::kI32, {2}, {c.h, c.w});
  int y = w.add_tensor("y", c.type, {c.in[0], c.h, c.w, c.in[3]}, q);
  const int version = c.half_pixel || c.align_corners ? 3 : 1;
  if (op == tflfb::BuiltinOperator_RESIZE_BILINEAR) {
    tflfb::ResizeBilinearOptionsT o;
    o.align_corners = c.align_corners;
    o.half_pixel_centers = c.half_pixel;
    w.add_op(op, {x, s}, {y}, o, version);
  } else {
    tflfb::ResizeNearestNeighborOptionsT o;
    o.align_corners = c.align_corners;
    o.half_pixel_centers = c.half_pixel;
    w.add_op(op, {x, s}, {y}, o, version);
  }
  w.add_output(y);
  return w.finish();
}

TEST(ResizeBilinear, InterpolatesHandComputed) {
  // 1x2 -> 1x4 without corner alignment: positions 0, 0.5, 1, 1.5 (clamped).
  auto out =
      run_ours(resize_model(tflfb::BuiltinOperator_RESIZE_BILINEAR, {DType::kF32, {1, 1, 2, 1}, 1, 4, false, false}),
               {array_of(DType::kF32, {1, 1, 2, 1}, {0, 8})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 4, 8, 8}));
  // int8 (XNNPACK's arithmetic, as the real TFLite runs it): -2.5 rounds up.
  out = run_ours(resize_model(tflfb::BuiltinOperator_RESIZE_BILINEAR, {DType::kI8, {1, 1, 2, 1}, 1, 4, false, false}),
                 {array_of(DType::kI8, {1, 1, 2, 1}, {-5, 0})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-5, -2, 0, 0}));
  // int16 (TFLite's integer kernel): -2.5 rounds away from zero.
  out = run_ours(resize_model(tflfb::BuiltinOperator_RESIZE_BILINEAR, {DType::kI16, {1, 1, 2, 1}, 1, 4, false, false}),
                 {array_of(DType::kI16, {1, 1, 2, 1}, {-5, 0})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-5, -3, 0, 0}));
}

TEST(ResizeBilinear, SizeComputedAtRunTime) {
  auto model =
      resize_model(tflfb::BuiltinOperator_RESIZE_BILINEAR, {DType::kF32, {1, 2, 2, 1}, 1, 1, true, false}, true);
  auto out = run_ours(model, {array_of(DType::kF32, {1, 2, 2, 1}, {0, 1, 2, 3}), array_of(DType::kI32, {2}, {3, 3})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{1, 3, 3, 1}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 0.5, 1, 1, 1.5, 2, 2, 2.5, 3}));
  Status st =
      run_status(model, {array_of(DType::kF32, {1, 2, 2, 1}, {0, 1, 2, 3}), array_of(DType::kI32, {2}, {0, 3})});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

class ResizeBilinearVsTflite : public ::testing::TestWithParam<ResizeCase> {};

TEST_P(ResizeBilinearVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const ResizeCase& c = GetParam();
  // Quantized results are bit-exact; floats within the usual tolerance.
  EXPECT_TRUE(same_as_tflite(resize_model(tflfb::BuiltinOperator_RESIZE_BILINEAR, c),
                             {random_of(c.type, std::vector<int64_t>(c.in.dim, c.in.dim + 4), 7)},
                             c.type != DType::kF32));
}

INSTANTIATE_TEST_SUITE_P(Grid, ResizeBilinearVsTflite,
                         ::testing::Values(ResizeCase{DType::kF32, {1, 5, 7, 3}, 11, 9, false, false},
                                           ResizeCase{DType::kF32, {2, 4, 4, 2}, 7, 13, true, false},
                                           ResizeCase{DType::kF32, {1, 6, 5, 4}, 12, 3, false, true},
                                           ResizeCase{DType::kI8, {1, 6, 6, 5}, 13, 11, false, true},
                                           ResizeCase{DType::kI8, {1, 5, 4, 3}, 9, 8, true, false},
                                           ResizeCase{DType::kU8, {1, 4, 6, 3}, 8, 12, false, false},
                                           ResizeCase{DType::kU8, {1, 6, 6, 2}, 11, 11, false, true},
                                           ResizeCase{DType::kI16, {1, 5, 6, 3}, 9, 13, false, true},
                                           ResizeCase{DType::kI16, {1, 4, 4, 2}, 7, 10, true, false}));

}  // namespace
}  // namespace tfb::test
