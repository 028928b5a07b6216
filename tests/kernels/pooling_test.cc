// AVERAGE_POOL_2D and MAX_POOL_2D: hand-computed values, the fast kernel
// against the reference over a grid, and the real TFLite over a grid.
#include "kernels/reference/pooling.h"

#include "kernels/kernel_util.h"
#include "op_grid.h"

namespace tfb::test {
namespace {

using tflfb::ActivationFunctionType;
using tflfb::BuiltinOperator;

struct PoolCase {
  int h, w, depth, filter_h, filter_w, stride_h, stride_w;
  tflfb::Padding padding;
  ActivationFunctionType act;
};

tflfb::Pool2DOptionsT pool_options(const PoolCase& c) {
  tflfb::Pool2DOptionsT o;
  o.padding = c.padding;
  o.filter_height = c.filter_h;
  o.filter_width = c.filter_w;
  o.stride_h = c.stride_h;
  o.stride_w = c.stride_w;
  o.fused_activation_function = c.act;
  return o;
}

Padding2D padding_of(const PoolCase& c) {
  return compute_padding(c.padding, c.h, c.w, c.filter_h, c.filter_w, c.stride_h, c.stride_w);
}

// Adds one pooling case of dtype `type` to the grid.
void add_case(OpGrid& g, BuiltinOperator op, DType type, const PoolCase& c, uint32_t seed, const Quant& q = {}) {
  const double lo = type == DType::kF32 ? -3 : type == DType::kU8 ? 0 : -128;
  const double hi = type == DType::kF32 ? 3 : type == DType::kU8 ? 255 : 127;
  const int x = g.input("x", random_array(type, {2, c.h, c.w, c.depth}, seed, lo, hi), q);
  const Padding2D p = padding_of(c);
  const std::string label = std::string(tflfb::EnumNameBuiltinOperator(op)) + " " + dtype_name(type) + " " +
                            std::to_string(c.h) + "x" + std::to_string(c.w) + " f" + std::to_string(c.filter_h) + "x" +
                            std::to_string(c.filter_w) + " s" + std::to_string(c.stride_h) +
                            (c.padding == tflfb::Padding_SAME ? " SAME " : " VALID ") +
                            tflfb::EnumNameActivationFunctionType(c.act);
  const int y = g.output(label, type, {2, p.out_h, p.out_w, c.depth}, q);
  g.writer().add_op(op, {x}, {y}, pool_options(c));
}

const PoolCase kCases[] = {
    {7, 9, 3, 3, 3, 2, 2, tflfb::Padding_SAME, tflfb::ActivationFunctionType_NONE},
    {7, 9, 5, 3, 2, 1, 2, tflfb::Padding_VALID, tflfb::ActivationFunctionType_RELU},
    {6, 6, 8, 2, 2, 2, 2, tflfb::Padding_VALID, tflfb::ActivationFunctionType_RELU6},
    {5, 4, 16, 5, 4, 1, 1, tflfb::Padding_VALID, tflfb::ActivationFunctionType_NONE},  // global
    {8, 5, 4, 4, 3, 3, 2, tflfb::Padding_SAME, tflfb::ActivationFunctionType_RELU_N1_TO_1},
};

TEST(Pooling, AverageAndMaxByHand) {
  OpGrid g;
  // 1x3x3x1 input, 2x2 window, stride 2, SAME: windows clip at the edge.
  const int x = g.input("x", array_of<float>(DType::kF32, {1, 3, 3, 1}, {1, 2, 3, 4, 5, 6, 7, 8, 9}));
  const int avg = g.output("avg", DType::kF32, {1, 2, 2, 1});
  const int max = g.output("max", DType::kF32, {1, 2, 2, 1});
  const PoolCase c{3, 3, 1, 2, 2, 2, 2, tflfb::Padding_SAME, tflfb::ActivationFunctionType_NONE};
  g.writer().add_op(tflfb::BuiltinOperator_AVERAGE_POOL_2D, {x}, {avg}, pool_options(c));
  g.writer().add_op(tflfb::BuiltinOperator_MAX_POOL_2D, {x}, {max}, pool_options(c));
  auto out = g.run();
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3.0, 4.5, 7.5, 9.0}));  // (1+2+4+5)/4, (3+6)/2, (7+8)/2, 9
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{5, 6, 8, 9}));
}

TEST(Pooling, QuantizedAverageRoundsHalfAwayFromZero) {
  OpGrid g;
  const int x = g.input("x", array_of<int8_t>(DType::kI8, {1, 1, 2, 2}, {1, -3, 2, -4}), quant(0.5f, 0));
  const int y = g.output("avg", DType::kI8, {1, 1, 1, 2}, quant(0.5f, 0));
  g.writer().add_op(tflfb::BuiltinOperator_AVERAGE_POOL_2D, {x}, {y},
                    pool_options({1, 2, 1, 1, 2, 1, 1, tflfb::Padding_VALID, tflfb::ActivationFunctionType_NONE}));
  auto out = g.run();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{2, -4}));  // 1.5 -> 2, -3.5 -> -4
}

class PoolingVsReference : public ::testing::TestWithParam<PoolCase> {};

TEST_P(PoolingVsReference, FastKernelMatchesReference) {
  const PoolCase& c = GetParam();
  const Padding2D p = padding_of(c);
  const reference::Pool2D rp{2,          c.h,        c.w,   c.depth, c.filter_h, c.filter_w,
                             c.stride_h, c.stride_w, p.top, p.left,  p.out_h,    p.out_w};
  for (BuiltinOperator op : {tflfb::BuiltinOperator_AVERAGE_POOL_2D, tflfb::BuiltinOperator_MAX_POOL_2D}) {
    const bool max = op == tflfb::BuiltinOperator_MAX_POOL_2D;
    OpGrid g;
    add_case(g, op, DType::kF32, c, 3);
    add_case(g, op, DType::kI8, c, 4, quant(0.05f, -3));
    add_case(g, op, DType::kU8, c, 5, quant(0.05f, 120));
    const auto out = g.run();
    ASSERT_EQ(out.size(), 3u);
    const auto xf = random_array(DType::kF32, {2, c.h, c.w, c.depth}, 3, -3, 3);
    const auto xi = random_array(DType::kI8, {2, c.h, c.w, c.depth}, 4, -128, 127);
    const auto xu = random_array(DType::kU8, {2, c.h, c.w, c.depth}, 5, 0, 255);
    std::vector<float> rf(out[0].count());
    const FloatRange fr = activation_range(c.act);
    reference::pool_float(rp, max, reinterpret_cast<const float*>(xf.data.data()), rf.data(), fr.min, fr.max);
    // Averages may differ in the last bit: x * (1/n) against x / n.
    EXPECT_TRUE(floats_close(out[0], array_of<float>(DType::kF32, out[0].shape, rf), 1e-6)) << "float";
    Tensor ti;
    ti.type = DType::kI8;
    ti.quant = quant(0.05f, -3);
    const IntRange ir = quantized_activation_range(c.act, ti);
    std::vector<int8_t> ri(out[1].count());
    reference::pool_quantized(rp, max, reinterpret_cast<const int8_t*>(xi.data.data()), ri.data(), ir.min, ir.max);
    EXPECT_EQ(values_of(out[1]), std::vector<double>(ri.begin(), ri.end())) << "int8";
    Tensor tu;
    tu.type = DType::kU8;
    tu.quant = quant(0.05f, 120);
    const IntRange ur = quantized_activation_range(c.act, tu);
    std::vector<uint8_t> ru(out[2].count());
    reference::pool_quantized(rp, max, xu.data.data(), ru.data(), ur.min, ur.max);
    EXPECT_EQ(values_of(out[2]), std::vector<double>(ru.begin(), ru.end())) << "uint8";
  }
}

INSTANTIATE_TEST_SUITE_P(Grid, PoolingVsReference, ::testing::ValuesIn(kCases));

TEST(PoolingVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  uint32_t seed = 10;
  for (const PoolCase& c : kCases) {
    for (BuiltinOperator op : {tflfb::BuiltinOperator_AVERAGE_POOL_2D, tflfb::BuiltinOperator_MAX_POOL_2D}) {
      add_case(g, op, DType::kF32, c, seed++);
      add_case(g, op, DType::kI8, c, seed++, quant(0.05f, -3));
      add_case(g, op, DType::kU8, c, seed++, quant(0.05f, 120));
    }
  }
  g.expect_matches_tflite();
}

TEST(Pooling, RejectsBadOptions) {
  OpGrid g;
  const int x = g.input("x", random_array(DType::kF32, {1, 4, 4, 1}, 1));
  const int y = g.output("y", DType::kF32, {1, 4, 4, 1});
  g.writer().add_op(tflfb::BuiltinOperator_MAX_POOL_2D, {x}, {y},
                    pool_options({4, 4, 1, 0, 2, 1, 1, tflfb::Padding_SAME, tflfb::ActivationFunctionType_NONE}));
  std::vector<NpyArray> out;
  Status st = run_interpreter(g.writer().finish(), {random_array(DType::kF32, {1, 4, 4, 1}, 1)}, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("filter"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace tfb::test
