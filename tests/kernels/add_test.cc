// ADD and SUB: hand-computed values, the fast broadcast loop against the
// reference, and the real TFLite over dtypes, broadcast shapes, fused
// activations and quantization parameters (bit-exact for integer types).
#include "binary_cases.h"
#include "kernels/reference/broadcast_binary.h"

namespace tfb::test {
namespace {

using tflfb::ActivationFunctionType_NONE;
using tflfb::ActivationFunctionType_RELU;
using tflfb::ActivationFunctionType_RELU6;
using tflfb::ActivationFunctionType_RELU_N1_TO_1;
using tflfb::BuiltinOperator_ADD;
using tflfb::BuiltinOperator_SUB;

TEST(Add, BroadcastsAndClampsByHand) {
  OpGrid g;
  const int a = g.input("a", array_of<float>(DType::kF32, {2, 1}, {1.f, -2.f}));
  const int b = g.input("b", array_of<float>(DType::kF32, {3}, {0.5f, 1.f, 8.f}));
  const int y = g.output("y", DType::kF32, {2, 3});
  tflfb::AddOptionsT o;
  o.fused_activation_function = ActivationFunctionType_RELU6;
  g.writer().add_op(BuiltinOperator_ADD, {a, b}, {y}, o);
  const auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1.5, 2, 6, 0, 0, 6}));
}

TEST(Sub, Int32WrapsAndInt16UsesQuantization) {
  OpGrid g;
  const int a = g.input("a", array_of<int32_t>(DType::kI32, {2}, {INT32_MIN, 7}));
  const int b = g.input("b", array_of<int32_t>(DType::kI32, {2}, {1, 9}));
  const int y = g.output("y", DType::kI32, {2});
  g.writer().add_op(BuiltinOperator_SUB, {a, b}, {y}, tflfb::SubOptionsT{});
  // int16, scales 1/4 - 1/8 -> output 1/8: (8 * 0.25 - 4 * 0.125) / 0.125 = 12.
  const int qa = g.input("qa", array_of<int16_t>(DType::kI16, {1}, {8}), quant(0.25f, 0));
  const int qb = g.input("qb", array_of<int16_t>(DType::kI16, {1}, {4}), quant(0.125f, 0));
  const int qy = g.output("qy", DType::kI16, {1}, quant(0.125f, 0));
  tflfb::SubOptionsT general;
  general.pot_scale_int16 = false;
  g.writer().add_op(BuiltinOperator_SUB, {qa, qb}, {qy}, general);
  const auto out = g.run();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{INT32_MAX, -2}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{12}));
}

TEST(Add, BroadcastRunsMatchReference) {
  const std::pair<Shape, Shape> shapes[] = {{{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}},       {{2, 1, 4}, {3, 1}},
                                            {{1}, {2, 3}},          {{3, 1, 5}, {1, 4, 1}}, {{}, {3}}};
  for (const auto& [sa, sb] : shapes) {
    OpGrid g;
    add_binary_case(g, {BuiltinOperator_ADD, DType::kF32, sa, sb}, 1);
    const auto out = g.run();
    ASSERT_EQ(out.size(), 1u);
    const auto xa = random_array(DType::kF32, dims_of(sa), 1, -2, 2);
    const auto xb = random_array(DType::kF32, dims_of(sb), 1001, -2, 2);
    Shape so;
    ASSERT_TRUE(broadcast_shape(sa, sb, &so).ok());
    std::vector<float> ref(so.count());
    reference::binary(sa, reinterpret_cast<const float*>(xa.data.data()), sb,
                      reinterpret_cast<const float*>(xb.data.data()), so, ref.data(),
                      [](float x, float y) { return x + y; });
    EXPECT_EQ(values_of(out[0]), std::vector<double>(ref.begin(), ref.end())) << sa.str() << " + " << sb.str();
  }
}

TEST(AddSubVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 1;
  const std::pair<Shape, Shape> shapes[] = {
      {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}}, {{2, 1, 4}, {3, 1}}, {{1}, {2, 3}}, {{1, 5, 5, 8}, {1, 1, 1, 8}}};
  const tflfb::ActivationFunctionType acts[] = {ActivationFunctionType_NONE, ActivationFunctionType_RELU,
                                                ActivationFunctionType_RELU6, ActivationFunctionType_RELU_N1_TO_1};
  for (auto op : {BuiltinOperator_ADD, BuiltinOperator_SUB}) {
    int i = 0;
    for (const auto& [sa, sb] : shapes) {
      const auto act = acts[i++ % 4];
      add_binary_case(g, {op, DType::kF32, sa, sb, act, {}, {}, {}, true, DType::kString, -4, 4}, seed++);
      add_binary_case(g, {op, DType::kI32, sa, sb, act, {}, {}, {}, true, DType::kString, -100, 100}, seed++);
      // int8/uint8: scale ratios XNNPACK takes, and ones it leaves to TFLite.
      add_binary_case(g,
                      {op, DType::kI8, sa, sb, act, quant(0.02f, 5), quant(0.03f, -7), quant(0.04f, 3), true,
                       DType::kString, -128, 127},
                      seed++);
      add_binary_case(g,
                      {op, DType::kU8, sa, sb, act, quant(0.1f, 128), quant(0.05f, 100), quant(0.12f, 120), true,
                       DType::kString, 0, 255},
                      seed++);
      add_binary_case(g,
                      {op, DType::kI8, sa, sb, act, quant(0.9f, 1), quant(0.001f, -2), quant(0.002f, 0), true,
                       DType::kString, -128, 127},
                      seed++);
      // int16 general rescaling (with broadcast) and power-of-two scales.
      add_binary_case(g,
                      {op, DType::kI16, sa, sb, act, quant(0.0007f, 0), quant(0.0011f, 0), quant(0.0015f, 0), false,
                       DType::kString, -32768, 32767},
                      seed++);
    }
    add_binary_case(g,
                    {op,
                     DType::kI16,
                     {2, 3, 4},
                     {2, 3, 4},
                     ActivationFunctionType_NONE,
                     quant(1.f / 1024, 0),
                     quant(1.f / 4096, 0),
                     quant(1.f / 1024, 0),
                     true,
                     DType::kString,
                     -32768,
                     32767},
                    seed++);
    add_binary_case(g,
                    {op,
                     DType::kI16,
                     {2, 3, 4},
                     {2, 3, 4},
                     ActivationFunctionType_RELU,
                     quant(1.f / 8192, 0),
                     quant(1.f / 2048, 0),
                     quant(1.f / 2048, 0),
                     true,
                     DType::kString,
                     -32768,
                     32767},
                    seed++);
  }
  g.expect_matches_tflite();
}

TEST(Add, FollowsInputResize) {
  // Stored for batch 1, run on batch 3: prepare recomputes the broadcast.
  ModelWriter w;
  const int a = w.add_input("a", DType::kF32, {1, 2});
  const int b = w.add_constant<float>("b", DType::kF32, {2}, {10.f, 20.f});
  const int y = w.add_tensor("y", DType::kF32, {1, 2});
  w.add_op(BuiltinOperator_ADD, {a, b}, {y}, tflfb::AddOptionsT{});
  w.add_output(y);
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {array_of<float>(DType::kF32, {3, 2}, {1, 2, 3, 4, 5, 6})}, &out).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{11, 22, 13, 24, 15, 26}));
}

TEST(Add, RejectsShapesThatDoNotBroadcast) {
  ModelWriter w;
  const int a = w.add_input("a", DType::kF32, {2, 3});
  const int b = w.add_input("b", DType::kF32, {4});
  const int y = w.add_tensor("y", DType::kF32, {2, 3});
  w.add_op(BuiltinOperator_ADD, {a, b}, {y}, tflfb::AddOptionsT{});
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st =
      run_interpreter(w.finish(), {random_array(DType::kF32, {2, 3}, 1), random_array(DType::kF32, {4}, 2)}, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot be broadcast"), std::string::npos) << st.message();
}

TEST(Add, RejectsQuantizedTensorWithoutScale) {
  ModelWriter w;
  const int a = w.add_input("a", DType::kI8, {2}, quant(0.1f, 0));
  const int b = w.add_input("b", DType::kI8, {2});
  const int y = w.add_tensor("y", DType::kI8, {2}, quant(0.1f, 0));
  w.add_op(BuiltinOperator_ADD, {a, b}, {y}, tflfb::AddOptionsT{});
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_array(DType::kI8, {2}, 1), random_array(DType::kI8, {2}, 2)}, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("input 1"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace tfb::test
