// QUANTIZE and DEQUANTIZE: hand-computed values and the real TFLite over
// every conversion the models use, bit-exact.
#include "op_grid.h"

namespace tfb::test {
namespace {

struct QuantizeCase {
  DType from, to;
  Quant qin, qout;
  double lo, hi;
};

TEST(Quantize, ByHand) {
  OpGrid g;
  // float -> int8: x / 0.5 rounded, + 3; saturates.
  const int x = g.input("x", array_of<float>(DType::kF32, {5}, {0.f, 1.2f, -0.74f, 100.f, -100.f}));
  g.writer().add_op(tflfb::BuiltinOperator_QUANTIZE, {x}, {g.output("q", DType::kI8, {5}, quant(0.5f, 3))});
  // int8 -> uint8 with the same scale: shift by 128.
  const int i = g.input("i", array_of<int8_t>(DType::kI8, {3}, {-128, 0, 127}), quant(0.1f, -2));
  g.writer().add_op(tflfb::BuiltinOperator_QUANTIZE, {i}, {g.output("u", DType::kU8, {3}, quant(0.1f, 126))});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 5, 2, 127, -128}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{0, 128, 255}));
}

TEST(Dequantize, PerChannelAndFloat16ByHand) {
  OpGrid g;
  Quant per_channel{{0.5f, 2.f}, {1, -1}, 1};
  const int x = g.input("x", array_of<int8_t>(DType::kI8, {2, 2}, {3, 3, -1, 0}), per_channel);
  g.writer().add_op(tflfb::BuiltinOperator_DEQUANTIZE, {x}, {g.output("per-channel", DType::kF32, {2, 2})});
  // float16 constants: 1.0, -2.5, 65504 (max), 2^-24 (smallest subnormal).
  const int h = g.writer().add_constant<uint16_t>("h", DType::kF16, {4}, {0x3c00, 0xc100, 0x7bff, 0x0001});
  g.writer().add_op(tflfb::BuiltinOperator_DEQUANTIZE, {h}, {g.output("f16", DType::kF32, {4})});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 8, -1, 2}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{1, -2.5, 65504, std::ldexp(1.0, -24)}));
}

TEST(QuantizeVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  const QuantizeCase cases[] = {
      {DType::kF32, DType::kI8, {}, quant(0.013f, -7), -2, 2},
      {DType::kF32, DType::kU8, {}, quant(0.02f, 130), -3, 3},
      {DType::kF32, DType::kI16, {}, quant(0.0001f, 0), -4, 4},
      {DType::kI8, DType::kI8, quant(0.05f, 3), quant(0.03f, -9), -128, 127},
      {DType::kI8, DType::kI8, quant(0.5f, 3), quant(0.001f, -9), -128, 127},  // ratio beyond XNNPACK's range
      {DType::kU8, DType::kU8, quant(0.05f, 120), quant(0.07f, 128), 0, 255},
      {DType::kI8, DType::kU8, quant(0.05f, -3), quant(0.05f, 125), -128, 127},
      {DType::kU8, DType::kI8, quant(0.03f, 130), quant(0.04f, 0), 0, 255},
      {DType::kI16, DType::kI8, quant(0.0003f, 0), quant(0.04f, 5), -32768, 32767},
      {DType::kI16, DType::kI32, quant(0.0003f, 0), quant(0.00001f, 0), -32768, 32767},
      {DType::kI8, DType::kF32, quant(0.07f, -4), {}, -128, 127},
      {DType::kU8, DType::kF32, quant(0.02f, 128), {}, 0, 255},
      {DType::kI16, DType::kF32, quant(0.0002f, 0), {}, -32768, 32767},
  };
  OpGrid g;
  uint32_t seed = 500;
  for (const QuantizeCase& c : cases) {
    const int x = g.input("x", random_array(c.from, {3, 17}, seed++, c.lo, c.hi), c.qin);
    const auto op = c.to == DType::kF32 ? tflfb::BuiltinOperator_DEQUANTIZE : tflfb::BuiltinOperator_QUANTIZE;
    const std::string label =
        std::string(tflfb::EnumNameBuiltinOperator(op)) + " " + dtype_name(c.from) + " -> " + dtype_name(c.to);
    g.writer().add_op(op, {x}, {g.output(label, c.to, {3, 17}, c.qout)});
  }
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
