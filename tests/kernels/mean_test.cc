#include "op_test_util.h"

namespace tfb::test {
namespace {

TEST(Mean, FloatOverAxesWithAndWithoutKeepDims) {
  auto model = reduce_model(tflfb::BuiltinOperator_MEAN, DType::kF32, {2, 3}, {},
                            {{{1}, false, {2}, {}}, {{0, -2}, true, {1, 3}, {}}});
  auto out = run_ours(model, {array_of(DType::kF32, {2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{2, 5}));
  EXPECT_EQ(out[1].shape, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{2.5, 3.5, 4.5}));
}

TEST(Mean, Int32TruncatesTowardZero) {
  auto model = reduce_model(tflfb::BuiltinOperator_MEAN, DType::kI32, {2, 2}, {}, {{{1}, false, {2}, {}}});
  auto out = run_ours(model, {array_of(DType::kI32, {2, 2}, {1, 2, -1, -2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, -1}));
}

TEST(Mean, RejectsOutOfRangeAxis) {
  auto model = reduce_model(tflfb::BuiltinOperator_MEAN, DType::kF32, {2, 2}, {}, {{{2}, false, {2}, {}}});
  Status st = run_status(model, {random_of(DType::kF32, {2, 2}, 1)});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(Mean, FloatMatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = reduce_model(tflfb::BuiltinOperator_MEAN, DType::kF32, {2, 6, 5, 4}, {},
                            {{{1, 2}, true, {2, 1, 1, 4}, {}},
                             {{-1}, false, {2, 6, 5}, {}},
                             {{0, 2, 2}, false, {6, 4}, {}},
                             {{3, 1}, true, {2, 1, 5, 1}, {}}});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kF32, {2, 6, 5, 4}, 3)}));
}

TEST(Mean, QuantizedMatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  for (DType type : {DType::kI8, DType::kU8}) {
    const int64_t zp = type == DType::kI8 ? -5 : 130;
    Quant in_q = quant(0.05f, zp);
    for (Shape shape : {Shape{1, 7, 6, 8}, Shape{1, 3, 2, 20}}) {
      const int32_t b = shape[0], h = shape[1], w = shape[2], c = shape[3];
      auto model = reduce_model(tflfb::BuiltinOperator_MEAN, type, shape, in_q,
                                {{{1, 2}, true, {b, 1, 1, c}, in_q},                     // spatial, same quantization
                                 {{1, 2}, true, {b, 1, 1, c}, quant(0.02f, zp + 3)},     // spatial, rescaled
                                 {{2, 1}, false, {b, c}, quant(0.07f, zp - 1)},          // spatial, dropped axes
                                 {{2}, false, {b, h, c}, in_q},                          // width only
                                 {{-1, 1}, true, {b, 1, w, 1}, quant(0.03f, zp - 2)}});  // generic, rescaled
      EXPECT_TRUE(same_as_tflite(model, {random_of(type, {b, h, w, c}, 4)}, /*exact=*/true)) << dtype_name(type);
    }
  }
}

TEST(Mean, Int16MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  Quant in_q = quant(0.001f, 0);
  auto model = reduce_model(tflfb::BuiltinOperator_MEAN, DType::kI16, {1, 5, 4, 6}, in_q,
                            {{{1, 2}, true, {1, 1, 1, 6}, quant(0.0007f, 0)},  // TFLite's spatial integer kernel
                             {{2}, false, {1, 5, 6}, in_q},                    // same quantization: truncates
                             {{3}, true, {1, 5, 4, 1}, quant(0.002f, 0)}});    // rescaled in float
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kI16, {1, 5, 4, 6}, 5)}, /*exact=*/true));
}

TEST(Mean, GenericSameQuantizationTruncates) {
  // Axis 1 of a rank-3 tensor: TFLite's kernel divides the raw sum, truncating.
  Quant q = quant(0.1f, 3);
  auto model = reduce_model(tflfb::BuiltinOperator_MEAN, DType::kI8, {1, 3, 2}, q, {{{1}, false, {1, 2}, q}});
  auto out = run_ours(model, {array_of(DType::kI8, {1, 3, 2}, {1, -1, 2, -2, 2, -2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, -1}));  // 5 / 3 and -5 / 3
}

}  // namespace
}  // namespace tfb::test
