// Unary ops and activations (RSQRT, SQRT, LOG, EXP, ABS, NEG, SQUARE,
// RELU, RELU6, LEAKY_RELU, HARD_SWISH, LOGISTIC, TANH): hand-computed
// values and the real TFLite over float and quantized dtypes (quantized
// HARD_SWISH with its fixed-point scales shifting both left and right).
#include "op_grid.h"

namespace tfb::test {
namespace {

using Op = tflfb::BuiltinOperator;

struct UnaryCase {
  Op op;
  DType type;
  double lo, hi;
  Quant qin = {}, qout = {};
};

void add_unary(OpGrid& g, const UnaryCase& c, uint32_t seed, const std::vector<int64_t>& shape = {2, 3, 7}) {
  const int x = g.input("x", random_array(c.type, shape, seed, c.lo, c.hi), c.qin);
  const int y = g.output(std::string(tflfb::EnumNameBuiltinOperator(c.op)) + " " + dtype_name(c.type), c.type,
                         OpGrid::to_shape(shape), c.qout);
  if (c.op == tflfb::BuiltinOperator_LEAKY_RELU) {
    tflfb::LeakyReluOptionsT o;
    o.alpha = 0.3f;
    g.writer().add_op(c.op, {x}, {y}, o);
  } else {
    g.writer().add_op(c.op, {x}, {y});
  }
}

TEST(Unary, ByHand) {
  OpGrid g;
  const int x = g.input("x", array_of<float>(DType::kF32, {4}, {-4.f, -1.f, 0.5f, 7.f}));
  const Op ops[] = {tflfb::BuiltinOperator_ABS,  tflfb::BuiltinOperator_NEG,   tflfb::BuiltinOperator_SQUARE,
                    tflfb::BuiltinOperator_RELU, tflfb::BuiltinOperator_RELU6, tflfb::BuiltinOperator_HARD_SWISH};
  for (Op op : ops) g.writer().add_op(op, {x}, {g.output(tflfb::EnumNameBuiltinOperator(op), DType::kF32, {4})});
  tflfb::LeakyReluOptionsT lr;
  lr.alpha = 0.5f;
  g.writer().add_op(tflfb::BuiltinOperator_LEAKY_RELU, {x}, {g.output("leaky", DType::kF32, {4})}, lr);
  const int p = g.input("p", array_of<float>(DType::kF32, {2}, {4.f, 0.25f}));
  g.writer().add_op(tflfb::BuiltinOperator_RSQRT, {p}, {g.output("rsqrt", DType::kF32, {2})});
  g.writer().add_op(tflfb::BuiltinOperator_SQRT, {p}, {g.output("sqrt", DType::kF32, {2})});
  // int32 ABS (newer TFLite; the reference build has float only) wraps at the minimum.
  const int i = g.input("i", array_of<int32_t>(DType::kI32, {3}, {-3, 4, INT32_MIN}));
  g.writer().add_op(tflfb::BuiltinOperator_ABS, {i}, {g.output("abs int32", DType::kI32, {3})});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 10u);
  EXPECT_EQ(values_of(out[9]), (std::vector<double>{3, 4, INT32_MIN}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{4, 1, 0.5, 7}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{4, 1, -0.5, -7}));
  EXPECT_EQ(values_of(out[2]), (std::vector<double>{16, 1, 0.25, 49}));
  EXPECT_EQ(values_of(out[3]), (std::vector<double>{0, 0, 0.5, 7}));
  EXPECT_EQ(values_of(out[4]), (std::vector<double>{0, 0, 0.5, 6}));
  EXPECT_EQ(values_of(out[5]), (std::vector<double>{0, -1.f * 2.f / 6.f, 0.5f * 3.5f / 6.f, 7}));
  EXPECT_EQ(values_of(out[6]), (std::vector<double>{-2, -0.5, 0.5, 7}));
  EXPECT_EQ(values_of(out[7]), (std::vector<double>{0.5, 2}));
  EXPECT_EQ(values_of(out[8]), (std::vector<double>{2, 0.5}));
}

TEST(Logistic, QuantizedOutputNeedsFixedScale) {
  ModelWriter w;
  const int x = w.add_input("x", DType::kI8, {4}, quant(0.1f, 0));
  const int y = w.add_tensor("y", DType::kI8, {4}, quant(0.01f, 0));
  w.add_op(tflfb::BuiltinOperator_LOGISTIC, {x}, {y});
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_array(DType::kI8, {4}, 1, -100, 100)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kUnsupported);
  EXPECT_NE(st.message().find("scale"), std::string::npos) << st.message();
}

TEST(UnaryVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 400;
  const UnaryCase cases[] = {
      {tflfb::BuiltinOperator_RSQRT, DType::kF32, 0.01, 9},
      {tflfb::BuiltinOperator_SQRT, DType::kF32, 0, 9},
      {tflfb::BuiltinOperator_LOG, DType::kF32, 0.001, 100},
      {tflfb::BuiltinOperator_EXP, DType::kF32, -10, 10},
      {tflfb::BuiltinOperator_ABS, DType::kF32, -5, 5},
      {tflfb::BuiltinOperator_NEG, DType::kF32, -5, 5},
      {tflfb::BuiltinOperator_NEG, DType::kI32, -500, 500},
      {tflfb::BuiltinOperator_SQUARE, DType::kF32, -5, 5},
      {tflfb::BuiltinOperator_RELU, DType::kF32, -5, 5},
      {tflfb::BuiltinOperator_RELU6, DType::kF32, -9, 9},
      {tflfb::BuiltinOperator_HARD_SWISH, DType::kF32, -5, 5},
      {tflfb::BuiltinOperator_LEAKY_RELU, DType::kF32, -5, 5},
      {tflfb::BuiltinOperator_LOGISTIC, DType::kF32, -10, 10},
      {tflfb::BuiltinOperator_TANH, DType::kF32, -5, 5},
      // Quantized: rescaling activations and the fixed-output-scale tables.
      {tflfb::BuiltinOperator_RELU, DType::kI8, -128, 127, quant(0.05f, -10), quant(0.03f, -128)},
      {tflfb::BuiltinOperator_RELU, DType::kU8, 0, 255, quant(0.05f, 120), quant(0.04f, 0)},
      {tflfb::BuiltinOperator_RELU6, DType::kI8, -128, 127, quant(0.1f, 5), quant(6.f / 255, -128)},
      {tflfb::BuiltinOperator_RELU6, DType::kU8, 0, 255, quant(0.08f, 100), quant(6.f / 255, 0)},
      {tflfb::BuiltinOperator_LEAKY_RELU, DType::kI8, -128, 127, quant(0.05f, 3), quant(0.04f, -20)},
      {tflfb::BuiltinOperator_LEAKY_RELU, DType::kU8, 0, 255, quant(0.05f, 128), quant(0.04f, 100)},
      {tflfb::BuiltinOperator_LEAKY_RELU, DType::kI16, -32768, 32767, quant(0.001f, 0), quant(0.0007f, 0)},
      {tflfb::BuiltinOperator_LOGISTIC, DType::kI8, -128, 127, quant(0.07f, 4), quant(1.f / 256, -128)},
      {tflfb::BuiltinOperator_LOGISTIC, DType::kU8, 0, 255, quant(0.05f, 130), quant(1.f / 256, 0)},
      {tflfb::BuiltinOperator_TANH, DType::kI8, -128, 127, quant(0.03f, -6), quant(1.f / 128, 0)},
      {tflfb::BuiltinOperator_TANH, DType::kU8, 0, 255, quant(0.03f, 128), quant(1.f / 128, 128)},
      {tflfb::BuiltinOperator_HARD_SWISH, DType::kI8, -128, 127, quant(0.05f, -3), quant(0.04f, -60)},
      {tflfb::BuiltinOperator_HARD_SWISH, DType::kU8, 0, 255, quant(0.1f, 128), quant(0.06f, 10)},
      {tflfb::BuiltinOperator_HARD_SWISH, DType::kI8, -128, 127, quant(0.5f, 0), quant(0.3f, -100)},
      {tflfb::BuiltinOperator_HARD_SWISH, DType::kI8, -128, 127, quant(0.002f, 0), quant(0.001f, 0)},
  };
  for (const UnaryCase& c : cases) add_unary(g, c, seed++);
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
