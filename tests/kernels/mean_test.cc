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
    NpyArray x = random_of(type, {1, 7, 6, 8}, 4);
    auto model = reduce_model(tflfb::BuiltinOperator_MEAN, type, {1, 7, 6, 8}, in_q,
                              {{{1, 2}, true, {1, 1, 1, 8}, in_q},                    // spatial, same quantization
                               {{1, 2}, true, {1, 1, 1, 8}, quant(0.02f, zp + 3)},    // spatial, rescaled
                               {{-1, 1}, true, {1, 1, 6, 1}, quant(0.03f, zp - 2)}});  // generic, rescaled
    EXPECT_TRUE(same_as_tflite(model, {x}, /*exact=*/true)) << dtype_name(type);
    // Generic with equal quantization: TFLite's builtin kernel truncates the
    // raw mean; the oracle's XNNPACK (which takes this case) rounds it, so
    // the two may differ by one step.
    model = reduce_model(tflfb::BuiltinOperator_MEAN, type, {1, 7, 6, 8}, in_q, {{{2}, false, {1, 7, 8}, in_q}});
    EXPECT_TRUE(same_as_tflite(model, {x})) << dtype_name(type);
  }
}

}  // namespace
}  // namespace tfb::test
