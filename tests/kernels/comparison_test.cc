// LESS, LESS_EQUAL, GREATER, GREATER_EQUAL, EQUAL, NOT_EQUAL (bool output)
// and SELECT_V2: hand-computed values and the real TFLite over dtypes,
// broadcasts and quantized inputs of different scales.
#include "binary_cases.h"

namespace tfb::test {
namespace {

using Op = tflfb::BuiltinOperator;

const Op kComparisons[] = {tflfb::BuiltinOperator_LESS,    tflfb::BuiltinOperator_LESS_EQUAL,
                           tflfb::BuiltinOperator_GREATER, tflfb::BuiltinOperator_GREATER_EQUAL,
                           tflfb::BuiltinOperator_EQUAL,   tflfb::BuiltinOperator_NOT_EQUAL};

TEST(Comparison, ByHand) {
  OpGrid g;
  const int a = g.input("a", array_of<int32_t>(DType::kI32, {3}, {1, 2, 3}));
  const int b = g.input("b", array_of<int32_t>(DType::kI32, {1}, {2}));
  for (Op op : kComparisons)
    g.writer().add_op(op, {a, b}, {g.output(tflfb::EnumNameBuiltinOperator(op), DType::kBool, {3})});
  // int8 in real units: 10 * 0.1 = 1.0 equals 4 * 0.25 = 1.0 despite different codes.
  const int qa = g.input("qa", array_of<int8_t>(DType::kI8, {1}, {10}), quant(0.1f, 0));
  const int qb = g.input("qb", array_of<int8_t>(DType::kI8, {1}, {4}), quant(0.25f, 0));
  g.writer().add_op(tflfb::BuiltinOperator_EQUAL, {qa, qb}, {g.output("q equal", DType::kBool, {1})});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 7u);
  const std::vector<std::vector<double>> expected = {{1, 0, 0}, {1, 1, 0}, {0, 0, 1}, {0, 1, 1},
                                                     {0, 1, 0}, {1, 0, 1}, {1}};
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(values_of(out[i]), expected[i]) << i;
}

TEST(SelectV2, BroadcastsAllThreeInputs) {
  OpGrid g;
  const int c = g.input("c", array_of<uint8_t>(DType::kBool, {2, 1}, {1, 0}));
  const int x = g.input("x", array_of<float>(DType::kF32, {3}, {1.f, 2.f, 3.f}));
  const int y = g.input("y", array_of<float>(DType::kF32, {1}, {-1.f}));
  g.writer().add_op(tflfb::BuiltinOperator_SELECT_V2, {c, x, y}, {g.output("sel", DType::kF32, {2, 3})});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 3, -1, -1, -1}));
}

TEST(ComparisonVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 300;
  const auto none = tflfb::ActivationFunctionType_NONE;
  const std::pair<Shape, Shape> shapes[] = {{{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{3, 1}, {2, 1, 5}}};
  for (Op op : kComparisons) {
    for (const auto& [sa, sb] : shapes) {
      add_binary_case(g, {op, DType::kF32, sa, sb, none, {}, {}, {}, true, DType::kBool}, seed++);
      add_binary_case(g, {op, DType::kI32, sa, sb, none, {}, {}, {}, true, DType::kBool, -3, 3}, seed++);
      add_binary_case(g, {op, DType::kI64, sa, sb, none, {}, {}, {}, true, DType::kBool, -3, 3}, seed++);
    }
    // Quantized inputs with different scales are compared in real units.
    add_binary_case(
        g, {op, DType::kI8, {4, 5}, {4, 5}, none, quant(0.1f, 2), quant(0.05f, -3), {}, true, DType::kBool, -30, 30},
        seed++);
    add_binary_case(
        g, {op, DType::kU8, {4, 5}, {5}, none, quant(0.02f, 128), quant(0.04f, 120), {}, true, DType::kBool, 100, 150},
        seed++);
  }
  for (const auto& [sa, sb] : shapes) {
    Shape so;
    ASSERT_TRUE(broadcast_shape(sa, sb, &so).ok());
    const int c = g.input("c", random_array(DType::kBool, {dims_of(sb)}, seed++));
    const int x = g.input("x", random_array(DType::kF32, dims_of(sa), seed++));
    const int y = g.input("y", random_array(DType::kF32, {1}, seed++));
    g.writer().add_op(tflfb::BuiltinOperator_SELECT_V2, {c, x, y},
                      {g.output("select_v2 " + so.str(), DType::kF32, so)});
    const int xi = g.input("xi", random_array(DType::kI32, dims_of(sb), seed++, -9, 9));
    const int yi = g.input("yi", random_array(DType::kI32, dims_of(sa), seed++, -9, 9));
    g.writer().add_op(tflfb::BuiltinOperator_SELECT_V2, {c, xi, yi},
                      {g.output("select_v2 int32 " + so.str(), DType::kI32, so)});
  }
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
