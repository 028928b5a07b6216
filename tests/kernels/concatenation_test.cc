#include "op_test_util.h"

namespace tfb::test {
namespace {

struct ConcatInput {
  Shape shape;
  Quant q;
};

std::vector<uint8_t> concat_model(DType type, const std::vector<ConcatInput>& ins, int axis, Shape out,
                                  Quant out_q = {},
                                  tflfb::ActivationFunctionType act = tflfb::ActivationFunctionType_NONE) {
  ModelWriter w;
  std::vector<int> inputs;
  for (size_t i = 0; i < ins.size(); ++i)
    inputs.push_back(w.add_input("x_" + std::to_string(i), type, ins[i].shape, ins[i].q));
  int y = w.add_tensor("y", type, out, out_q);
  tflfb::ConcatenationOptionsT opts;
  opts.axis = axis;
  opts.fused_activation_function = act;
  w.add_op(tflfb::BuiltinOperator_CONCATENATION, inputs, {y}, opts);
  w.add_output(y);
  return w.finish();
}

TEST(Concatenation, JoinsAlongInnerAxisWithActivation) {
  auto model =
      concat_model(DType::kF32, {{{2, 1}, {}}, {{2, 2}, {}}}, -1, {2, 3}, {}, tflfb::ActivationFunctionType_RELU6);
  auto out = run_ours(model, {array_of(DType::kF32, {2, 1}, {-1, 7}), array_of(DType::kF32, {2, 2}, {2, 3, 4, 5})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 2, 3, 6, 4, 5}));
}

TEST(Concatenation, RequantizesToOutputScale) {
  // input 1 has scale 1, zero point 10: q = 20 means 10.0 -> output (scale 0.5, zp 0) q = 20.
  auto model =
      concat_model(DType::kU8, {{{1, 1}, quant(0.5f, 0)}, {{1, 2}, quant(1.f, 10)}}, 1, {1, 3}, quant(0.5f, 0));
  auto out = run_ours(model, {array_of(DType::kU8, {1, 1}, {3}), array_of(DType::kU8, {1, 2}, {20, 0})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 20, 0}));
}

TEST(Concatenation, RequantizesInt8RoundingHalfAwayFromZero) {
  // real = 0.3 * (q - 1); output scale 0.2, zero point -3: q_out = round(1.5 * (q - 1)) - 3.
  auto model = concat_model(DType::kI8, {{{4}, quant(0.3f, 1)}, {{1}, quant(0.2f, -3)}}, 0, {5}, quant(0.2f, -3));
  auto out = run_ours(model, {array_of(DType::kI8, {4}, {2, 0, 127, -128}), array_of(DType::kI8, {1}, {9})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-1, -5, 127, -128, 9}));
}

TEST(Concatenation, RejectsMismatchedShapes) {
  auto model = concat_model(DType::kF32, {{{2, 1}, {}}, {{3, 1}, {}}}, 1, {2, 2});
  Status st = run_status(model, {random_of(DType::kF32, {2, 1}, 1), random_of(DType::kF32, {3, 1}, 2)});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

struct ConcatCase {
  DType type;
  std::vector<ConcatInput> ins;
  int axis;
  Shape out;
  Quant out_q;
};

class ConcatenationVsTflite : public ::testing::TestWithParam<ConcatCase> {};

TEST_P(ConcatenationVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const ConcatCase& c = GetParam();
  std::vector<NpyArray> inputs;
  for (size_t i = 0; i < c.ins.size(); ++i)
    inputs.push_back(random_of(c.type,
                               std::vector<int64_t>(c.ins[i].shape.dim, c.ins[i].shape.dim + c.ins[i].shape.rank),
                               static_cast<uint32_t>(i + 1)));
  EXPECT_TRUE(same_as_tflite(concat_model(c.type, c.ins, c.axis, c.out, c.out_q), inputs));
}

INSTANTIATE_TEST_SUITE_P(
    Grid, ConcatenationVsTflite,
    ::testing::Values(
        ConcatCase{DType::kF32, {{{1, 4, 4, 3}, {}}, {{1, 4, 4, 5}, {}}}, 3, {1, 4, 4, 8}, {}},
        ConcatCase{
            DType::kI8, {{{2, 3, 4}, quant(0.1f, 3)}, {{2, 1, 4}, quant(0.1f, 3)}}, 1, {2, 4, 4}, quant(0.1f, 3)},
        // Same quantization everywhere: the oracle's XNNPACK delegate copies
        // bytes even when scales differ, so requantization is checked by hand above.
        ConcatCase{DType::kU8,
                   {{{1, 3, 2}, quant(0.05f, 120)}, {{1, 3, 3}, quant(0.05f, 120)}, {{1, 3, 1}, quant(0.05f, 120)}},
                   -1,
                   {1, 3, 6},
                   quant(0.05f, 120)},
        ConcatCase{DType::kI32, {{{3}, {}}, {{2}, {}}}, 0, {5}, {}}));

}  // namespace
}  // namespace tfb::test
