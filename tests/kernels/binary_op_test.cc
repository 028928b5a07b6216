// SQUARED_DIFFERENCE, MAXIMUM, MINIMUM, POW, FLOOR_DIV, FLOOR_MOD, PRELU:
// hand-computed edge cases and the real TFLite over dtypes and broadcasts.
#include "binary_cases.h"

namespace tfb::test {
namespace {

using Op = tflfb::BuiltinOperator;

std::vector<NpyArray> run_one(Op op, const NpyArray& a, const NpyArray& b, DType out_type, const Shape& out_shape) {
  OpGrid g;
  const int x = g.input("a", a);
  const int y = g.input("b", b);
  const int z = g.output("out", out_type, out_shape);
  g.writer().add_op(op, {x, y}, {z});
  return g.run();
}

TEST(FloorDivMod, RoundTowardNegativeInfinity) {
  const auto a = array_of<int32_t>(DType::kI32, {6}, {7, -7, 7, -7, 0, INT32_MIN});
  const auto b = array_of<int32_t>(DType::kI32, {6}, {2, 2, -2, -2, 3, -1});
  auto out = run_one(tflfb::BuiltinOperator_FLOOR_DIV, a, b, DType::kI32, {6});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, -4, -4, 3, 0, INT32_MIN}));
  out = run_one(tflfb::BuiltinOperator_FLOOR_MOD, a, b, DType::kI32, {6});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 1, -1, -1, 0, 0}));
  const auto fa = array_of<float>(DType::kF32, {2}, {-7.5f, 7.5f});
  const auto fb = array_of<float>(DType::kF32, {2}, {2.f, -2.f});
  out = run_one(tflfb::BuiltinOperator_FLOOR_MOD, fa, fb, DType::kF32, {2});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0.5, -0.5}));
}

TEST(FloorDivMod, ZeroDivisorIsAnError) {
  for (Op op : {tflfb::BuiltinOperator_FLOOR_DIV, tflfb::BuiltinOperator_FLOOR_MOD}) {
    OpGrid g;
    const auto a = array_of<int32_t>(DType::kI32, {2}, {1, 2});
    const auto b = array_of<int32_t>(DType::kI32, {2}, {1, 0});
    const int x = g.input("a", a), y = g.input("b", b);
    g.writer().add_op(op, {x, y}, {g.output("out", DType::kI32, {2})});
    std::vector<NpyArray> out;
    Status st = run_interpreter(g.writer().finish(), {a, b}, &out);
    EXPECT_EQ(st.kind(), ErrorKind::kRuntime) << st.message();
  }
}

TEST(Pow, IntegerPowersAndNegativeExponent) {
  auto out = run_one(tflfb::BuiltinOperator_POW, array_of<int32_t>(DType::kI32, {3}, {3, -2, 5}),
                     array_of<int32_t>(DType::kI32, {3}, {4, 3, 0}), DType::kI32, {3});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{81, -8, 1}));
  OpGrid g;
  const auto a = array_of<int32_t>(DType::kI32, {1}, {2});
  const auto b = array_of<int32_t>(DType::kI32, {1}, {-1});
  const int x = g.input("a", a), y = g.input("b", b);
  g.writer().add_op(tflfb::BuiltinOperator_POW, {x, y}, {g.output("out", DType::kI32, {1})});
  std::vector<NpyArray> res;
  EXPECT_EQ(run_interpreter(g.writer().finish(), {a, b}, &res).kind(), ErrorKind::kRuntime);
}

TEST(Prelu, AlphaBroadcastsOverChannels) {
  auto out = run_one(tflfb::BuiltinOperator_PRELU, array_of<float>(DType::kF32, {2, 2}, {-1.f, -2.f, 3.f, -4.f}),
                     array_of<float>(DType::kF32, {2}, {0.5f, 0.25f}), DType::kF32, {2, 2});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-0.5, -0.5, 3, -1}));
}

TEST(BinaryOpsVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 200;
  const std::pair<Shape, Shape> shapes[] = {{{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{3, 1}, {2, 1, 5}}};
  const auto none = tflfb::ActivationFunctionType_NONE;
  for (const auto& [sa, sb] : shapes) {
    add_binary_case(g, {tflfb::BuiltinOperator_SQUARED_DIFFERENCE, DType::kF32, sa, sb}, seed++);
    add_binary_case(g,
                    {tflfb::BuiltinOperator_SQUARED_DIFFERENCE,
                     DType::kI32,
                     sa,
                     sb,
                     none,
                     {},
                     {},
                     {},
                     true,
                     DType::kString,
                     -1000,
                     1000},
                    seed++);
    for (Op op : {tflfb::BuiltinOperator_MAXIMUM, tflfb::BuiltinOperator_MINIMUM}) {
      add_binary_case(g, {op, DType::kF32, sa, sb}, seed++);
      add_binary_case(g, {op, DType::kI32, sa, sb, none, {}, {}, {}, true, DType::kString, -99, 99}, seed++);
      add_binary_case(g,
                      {op, DType::kI8, sa, sb, none, quant(0.1f, 3), quant(0.1f, 3), quant(0.1f, 3), true,
                       DType::kString, -128, 127},
                      seed++);
      add_binary_case(
          g,
          {op, DType::kU8, sa, sb, none, quant(0.1f, 3), quant(0.1f, 3), quant(0.1f, 3), true, DType::kString, 0, 255},
          seed++);
    }
    add_binary_case(
        g, {tflfb::BuiltinOperator_POW, DType::kF32, sa, sb, none, {}, {}, {}, true, DType::kString, 0.1, 3}, seed++);
    add_binary_case(g, {tflfb::BuiltinOperator_POW, DType::kI32, sa, sb, none, {}, {}, {}, true, DType::kString, 0, 6},
                    seed++);
    add_binary_case(
        g, {tflfb::BuiltinOperator_FLOOR_DIV, DType::kF32, sa, sb, none, {}, {}, {}, true, DType::kString, 0.5, 9},
        seed++);
    add_binary_case(
        g, {tflfb::BuiltinOperator_FLOOR_MOD, DType::kF32, sa, sb, none, {}, {}, {}, true, DType::kString, 0.5, 9},
        seed++);
    add_binary_case(
        g, {tflfb::BuiltinOperator_FLOOR_DIV, DType::kI32, sa, sb, none, {}, {}, {}, true, DType::kString, 1, 50},
        seed++);
    add_binary_case(
        g, {tflfb::BuiltinOperator_FLOOR_MOD, DType::kI32, sa, sb, none, {}, {}, {}, true, DType::kString, 1, 50},
        seed++);
  }
  // Signed operands for the floor ops (no zero divisors: values are odd).
  const auto a = g.input("fa", array_of<int32_t>(DType::kI32, {6}, {7, -7, 7, -7, 9, -9}));
  const auto b = g.input("fb", array_of<int32_t>(DType::kI32, {6}, {3, 3, -3, -3, -5, 5}));
  g.writer().add_op(tflfb::BuiltinOperator_FLOOR_DIV, {a, b}, {g.output("floor_div signed", DType::kI32, {6})});
  g.writer().add_op(tflfb::BuiltinOperator_FLOOR_MOD, {a, b}, {g.output("floor_mod signed", DType::kI32, {6})});
  const int x = g.input("x", random_array(DType::kF32, {2, 3, 4}, seed++, -2, 2));
  const int alpha = g.writer().add_constant<float>("alpha", DType::kF32, {4}, {0.1f, -0.5f, 2.f, 0.f});
  g.writer().add_op(tflfb::BuiltinOperator_PRELU, {x, alpha}, {g.output("prelu", DType::kF32, {2, 3, 4})});
  // Quantized PRELU: constant per-channel-shaped alpha with its own scale.
  const int xq = g.input("xq", random_array(DType::kI8, {1, 3, 5, 4}, seed++, -128, 127), quant(0.05f, -4));
  const int aq = g.writer().add_constant<int8_t>("aq", DType::kI8, {1, 1, 4}, {12, -40, 100, 0}, quant(0.01f, 3));
  g.writer().add_op(tflfb::BuiltinOperator_PRELU, {xq, aq},
                    {g.output("prelu int8", DType::kI8, {1, 3, 5, 4}, quant(0.04f, 2))});
  const int xu = g.input("xu", random_array(DType::kU8, {1, 3, 5, 4}, seed++, 0, 255), quant(0.05f, 128));
  const int au = g.writer().add_constant<uint8_t>("au", DType::kU8, {4}, {140, 90, 200, 128}, quant(0.02f, 128));
  g.writer().add_op(tflfb::BuiltinOperator_PRELU, {xu, au},
                    {g.output("prelu uint8", DType::kU8, {1, 3, 5, 4}, quant(0.06f, 120))});
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
