// MUL and DIV: hand-computed values and the real TFLite over dtypes,
// broadcast shapes, fused activations and quantization (bit-exact for
// integer types); integer division by zero fails cleanly.
#include "binary_cases.h"

namespace tfb::test {
namespace {

using tflfb::ActivationFunctionType_NONE;
using tflfb::ActivationFunctionType_RELU;
using tflfb::ActivationFunctionType_RELU6;
using tflfb::BuiltinOperator_DIV;
using tflfb::BuiltinOperator_MUL;

TEST(Mul, QuantizedByHand) {
  OpGrid g;
  // (10 - 2) * 0.5 * (4 - 0) * 0.25 = 4 -> 4 / 0.1 = 40 -> +1 = 41.
  const int a = g.input("a", array_of<int8_t>(DType::kI8, {1}, {10}), quant(0.5f, 2));
  const int b = g.input("b", array_of<int8_t>(DType::kI8, {1}, {4}), quant(0.25f, 0));
  const int y = g.output("y", DType::kI8, {1}, quant(0.1f, 1));
  g.writer().add_op(BuiltinOperator_MUL, {a, b}, {y}, tflfb::MulOptionsT{});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{41}));
}

TEST(Div, FloatAndInt32ByHand) {
  OpGrid g;
  const int a = g.input("a", array_of<float>(DType::kF32, {3}, {1.f, -6.f, 9.f}));
  const int b = g.input("b", array_of<float>(DType::kF32, {1}, {-2.f}));
  const int y = g.output("y", DType::kF32, {3});
  g.writer().add_op(BuiltinOperator_DIV, {a, b}, {y}, tflfb::DivOptionsT{});
  const int ia = g.input("ia", array_of<int32_t>(DType::kI32, {3}, {7, -7, INT32_MIN}));
  const int ib = g.input("ib", array_of<int32_t>(DType::kI32, {3}, {2, 2, -1}));
  const int iy = g.output("iy", DType::kI32, {3});
  g.writer().add_op(BuiltinOperator_DIV, {ia, ib}, {iy}, tflfb::DivOptionsT{});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-0.5, 3, -4.5}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{3, -3, INT32_MIN}));  // truncating; MIN / -1 wraps
}

TEST(Div, Int32DivisionByZeroIsAnError) {
  OpGrid g;
  const int a = g.input("a", array_of<int32_t>(DType::kI32, {2}, {1, 2}));
  const int b = g.input("b", array_of<int32_t>(DType::kI32, {2}, {1, 0}));
  const int y = g.output("y", DType::kI32, {2});
  g.writer().add_op(BuiltinOperator_DIV, {a, b}, {y}, tflfb::DivOptionsT{});
  std::vector<NpyArray> out;
  Status st =
      run_interpreter(g.writer().finish(),
                      {array_of<int32_t>(DType::kI32, {2}, {1, 2}), array_of<int32_t>(DType::kI32, {2}, {1, 0})}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kRuntime);
  EXPECT_NE(st.message().find("division by zero"), std::string::npos) << st.message();
}

TEST(MulDivVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 100;
  const std::pair<Shape, Shape> shapes[] = {{{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{2, 1, 4}, {3, 1}}, {{1}, {5}}};
  const tflfb::ActivationFunctionType acts[] = {ActivationFunctionType_NONE, ActivationFunctionType_RELU,
                                                ActivationFunctionType_RELU6};
  int i = 0;
  for (const auto& [sa, sb] : shapes) {
    const auto act = acts[i++ % 3];
    add_binary_case(g, {BuiltinOperator_MUL, DType::kF32, sa, sb, act, {}, {}, {}, true, DType::kString, -3, 3},
                    seed++);
    add_binary_case(g, {BuiltinOperator_MUL, DType::kI32, sa, sb, act, {}, {}, {}, true, DType::kString, -50, 50},
                    seed++);
    add_binary_case(g,
                    {BuiltinOperator_MUL, DType::kI8, sa, sb, act, quant(0.05f, 3), quant(0.02f, -5), quant(0.03f, -2),
                     true, DType::kString, -128, 127},
                    seed++);
    add_binary_case(g,
                    {BuiltinOperator_MUL, DType::kU8, sa, sb, act, quant(0.1f, 128), quant(0.07f, 90), quant(0.5f, 100),
                     true, DType::kString, 0, 255},
                    seed++);
    add_binary_case(g,
                    {BuiltinOperator_MUL, DType::kI16, sa, sb, act, quant(0.001f, 0), quant(0.002f, 0), quant(0.03f, 0),
                     true, DType::kString, -32768, 32767},
                    seed++);
    add_binary_case(g, {BuiltinOperator_DIV, DType::kF32, sa, sb, act, {}, {}, {}, true, DType::kString, 0.5, 3},
                    seed++);
  }
  // A product scale XNNPACK refuses (TFLite's Q31 path instead).
  add_binary_case(g,
                  {BuiltinOperator_MUL,
                   DType::kI8,
                   {3, 7},
                   {3, 7},
                   ActivationFunctionType_NONE,
                   quant(0.001f, 0),
                   quant(0.001f, 0),
                   quant(0.5f, 0),
                   true,
                   DType::kString,
                   -128,
                   127},
                  seed++);
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
