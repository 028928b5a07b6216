// SOFTMAX: hand-computed values and the real TFLite over depths, betas and
// float, int8, uint8 and int8 -> int16 (quantized results bit-exact).
#include <cmath>

#include "op_grid.h"

namespace tfb::test {
namespace {

void add_softmax(OpGrid& g, DType in, DType out, const std::vector<int64_t>& shape, float beta, uint32_t seed,
                 const Quant& qin = {}, const Quant& qout = {}, double lo = -3, double hi = 3) {
  const int x = g.input("x", random_array(in, shape, seed, lo, hi), qin);
  tflfb::SoftmaxOptionsT o;
  o.beta = beta;
  const std::string label = std::string("SOFTMAX ") + dtype_name(in) + "->" + dtype_name(out) + " " +
                            OpGrid::to_shape(shape).str() + " beta " + std::to_string(beta);
  g.writer().add_op(tflfb::BuiltinOperator_SOFTMAX, {x}, {g.output(label, out, OpGrid::to_shape(shape), qout)}, o);
}

TEST(Softmax, FloatByHand) {
  OpGrid g;
  const int x = g.input("x", array_of<float>(DType::kF32, {2, 2}, {0.f, std::log(3.f), 5.f, 5.f}));
  tflfb::SoftmaxOptionsT o;
  o.beta = 1.f;
  g.writer().add_op(tflfb::BuiltinOperator_SOFTMAX, {x}, {g.output("y", DType::kF32, {2, 2})}, o);
  const auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  const auto v = values_of(out[0]);
  EXPECT_NEAR(v[0], 0.25, 1e-6);
  EXPECT_NEAR(v[1], 0.75, 1e-6);
  EXPECT_NEAR(v[2], 0.5, 1e-6);
  EXPECT_NEAR(v[3], 0.5, 1e-6);
}

TEST(Softmax, Int8ByHand) {
  OpGrid g;
  // Equal inputs share the probability evenly: 1/4 -> 64 steps of 1/256 above -128.
  const int x = g.input("x", array_of<int8_t>(DType::kI8, {1, 4}, {7, 7, 7, 7}), quant(0.1f, 0));
  tflfb::SoftmaxOptionsT o;
  o.beta = 1.f;
  g.writer().add_op(tflfb::BuiltinOperator_SOFTMAX, {x}, {g.output("y", DType::kI8, {1, 4}, quant(1.f / 256, -128))},
                    o);
  const auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-64, -64, -64, -64}));
}

TEST(SoftmaxVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 600;
  const std::vector<std::vector<int64_t>> shapes = {{1, 10}, {3, 1001}, {2, 3, 7}, {1, 1}};
  for (const auto& shape : shapes) {
    for (float beta : {1.f, 0.5f}) {
      add_softmax(g, DType::kF32, DType::kF32, shape, beta, seed++);
      add_softmax(g, DType::kI8, DType::kI8, shape, beta, seed++, quant(0.09f, 5), quant(1.f / 256, -128), -128, 127);
      add_softmax(g, DType::kU8, DType::kU8, shape, beta, seed++, quant(0.12f, 130), quant(1.f / 256, 0), 0, 255);
      add_softmax(g, DType::kI8, DType::kI16, shape, beta, seed++, quant(0.05f, -3), quant(1.f / 65536, -32768), -128,
                  127);
    }
  }
  // A narrow input scale: nearly uniform distributions, many rounding ties.
  add_softmax(g, DType::kI8, DType::kI8, {4, 12}, 1.f, seed++, quant(0.01f, 0), quant(1.f / 256, -128), -128, 127);
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
