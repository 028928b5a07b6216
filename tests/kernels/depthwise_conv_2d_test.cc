#include "kernels/conv_geometry.h"
#include "kernels/conv_test_util.h"
#include "kernels/reference/conv.h"
#include "schema/model_writer.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

using Act = tflfb::ActivationFunctionType;

struct DwCase {
  DType in_type, filter_type;
  int n, h, w, c, multiplier, kh, kw;
  int sh = 1, sw = 1, dh = 1, dw = 1;
  tflfb::Padding padding = tflfb::Padding_SAME;
  Act act = tflfb::ActivationFunctionType_NONE;
  bool bias = true;
  bool per_channel = true;
};

std::string case_name(const DwCase& k) {
  return std::string(dtype_short(k.in_type)) + "_w" + dtype_short(k.filter_type) + "_" + std::to_string(k.n) + "x" +
         std::to_string(k.h) + "x" + std::to_string(k.w) + "x" + std::to_string(k.c) + "_m" +
         std::to_string(k.multiplier) + "_k" + std::to_string(k.kh) + std::to_string(k.kw) + "_s" +
         std::to_string(k.sh) + std::to_string(k.sw) + "_d" + std::to_string(k.dh) + std::to_string(k.dw) +
         (k.padding == tflfb::Padding_SAME ? "_same" : "_valid") + "_" + tflfb::EnumNameActivationFunctionType(k.act) +
         (k.bias ? "" : "_nobias") + (k.per_channel ? "" : "_pertensor");
}

struct DwModel {
  std::vector<uint8_t> bytes;
  ConvGeometry g;
  Operand in, filter, bias, out;
};

DwModel build(const DwCase& k) {
  DwModel m;
  const int oc = k.c * k.multiplier;
  WindowOptions wo{k.padding, k.sh, k.sw, k.dh, k.dw};
  const int32_t nhwc[4] = {k.n, k.h, k.w, k.c};
  EXPECT_TRUE(conv_geometry(nhwc, k.kh, k.kw, oc, wo, &m.g).ok());
  m.in.quant = activation_quant(k.in_type);
  if (k.filter_type != DType::kF32) m.filter.quant = filter_quant(k.filter_type, k.per_channel ? oc : 1, 3);
  m.filter.values = filter_values(k.filter_type, {1, k.kh, k.kw, oc}, 31);
  if (k.in_type != DType::kF32) m.out.quant = output_quant(k.in_type, m.in.quant, m.filter.quant, int64_t{k.kh} * k.kw);
  if (k.bias) {
    m.bias.type = k.in_type == DType::kF32 ? DType::kF32 : k.in_type == DType::kI16 ? DType::kI64 : DType::kI32;
    m.bias.values = k.in_type == DType::kF32 ? random_array(DType::kF32, {oc}, 32)
                                             : random_array(m.bias.type, {oc}, 32, -3000, 3000);
    if (k.in_type != DType::kF32) m.bias.quant = bias_quant(m.in.quant, m.filter.quant);
  }
  ModelWriter w;
  int x = w.add_input("x", k.in_type, {k.n, k.h, k.w, k.c}, m.in.quant);
  int f = w.add_constant_bytes("f", k.filter_type, {1, k.kh, k.kw, oc}, m.filter.values.data, m.filter.quant);
  int b = k.bias ? w.add_constant_bytes("b", m.bias.type, {oc}, m.bias.values.data, m.bias.quant) : -1;
  int y = w.add_tensor("y", k.in_type, {m.g.batches, m.g.out_h, m.g.out_w, oc}, m.out.quant);
  tflfb::DepthwiseConv2DOptionsT o;
  o.padding = k.padding;
  o.stride_h = k.sh;
  o.stride_w = k.sw;
  o.dilation_h_factor = k.dh;
  o.dilation_w_factor = k.dw;
  o.depth_multiplier = k.multiplier;
  o.fused_activation_function = k.act;
  std::vector<int> ins = {x, f};
  if (k.bias) ins.push_back(b);  // TFLite 2.12 wants no bias as 2 inputs, not -1
  w.add_op(tflfb::BuiltinOperator_DEPTHWISE_CONV_2D, ins, {y}, o, k.in_type == DType::kF32 ? 2 : 3);
  w.add_output(y);
  m.bytes = w.finish();
  return m;
}

NpyArray reference_output(const DwCase& k, const DwModel& m, const NpyArray& input) {
  const ConvGeometry& g = m.g;
  NpyArray out = empty_like(k.in_type, {g.batches, g.out_h, g.out_w, g.out_c});
  const FloatRange act = activation_range(k.act);
  if (k.in_type == DType::kF32 && k.filter_type == DType::kF32) {
    const float* bias = k.bias ? data_of<float>(m.bias.values) : nullptr;
    reference::depthwise_conv_2d<float>(g, data_of<float>(input), 0, data_of<float>(m.filter.values), 0,
                                        data_of<float>(out), [&](float acc, int, int oc) {
                                          return std::clamp(acc + (bias ? bias[oc] : 0.f), act.min, act.max);
                                        });
  } else if (k.in_type == DType::kF32) {
    const std::vector<float>& fs = m.filter.quant.scale;
    const int64_t per_batch = int64_t{g.in_h} * g.in_w * g.in_c;
    const int64_t out_per_batch = int64_t{g.out_h} * g.out_w * g.out_c;
    std::vector<int8_t> q(static_cast<size_t>(per_batch));
    ConvGeometry g1 = g;
    g1.batches = 1;
    for (int b = 0; b < g.batches; ++b) {
      RowQuantization rq = quantize_row_asymmetric(data_of<float>(input) + b * per_batch, per_batch, q.data());
      reference::depthwise_conv_2d<int32_t>(g1, q.data(), rq.zero_point, data_of<int8_t>(m.filter.values), 0,
                                            data_of<float>(out) + b * out_per_batch, [&](int32_t acc, int, int oc) {
                                              float v = static_cast<float>(acc) * (fs[fs.size() == 1 ? 0 : oc] * rq.scale);
                                              if (k.bias) v += data_of<float>(m.bias.values)[oc];
                                              return std::clamp(v, act.min, act.max);
                                            });
    }
  } else {
    Requantization rq;
    // TFLite's XNNPACK delegate takes 8-bit layers with a bias only; the others run its fixed point.
    const auto arithmetic = k.in_type == DType::kI16 || !k.bias ? Requantization::Arithmetic::kFixedPoint
                                                                : Requantization::Arithmetic::kFloatScale;
    EXPECT_TRUE(make_requantization(arithmetic, tensor_like(k.in_type, m.in.quant),
                                    tensor_like(k.filter_type, m.filter.quant), tensor_like(k.in_type, m.out.quant),
                                    g.out_c, k.act, &rq)
                    .ok());
    auto run = [&](auto in_tag, auto w_tag, auto acc_tag) {
      using TIn = decltype(in_tag);
      using TW = decltype(w_tag);
      using Acc = decltype(acc_tag);
      reference::depthwise_conv_2d<Acc>(g, data_of<TIn>(input), m.in.zp(), data_of<TW>(m.filter.values),
                                        m.filter.zp(), data_of<TIn>(out), [&](Acc acc, int, int oc) {
                                          Acc b = 0;
                                          if (k.bias)
                                            b = k.in_type == DType::kI16
                                                    ? static_cast<Acc>(data_of<int64_t>(m.bias.values)[oc])
                                                    : static_cast<Acc>(data_of<int32_t>(m.bias.values)[oc]);
                                          return static_cast<TIn>(rq(acc + b, oc));
                                        });
    };
    if (k.in_type == DType::kI8) run(int8_t{}, int8_t{}, int32_t{});
    else if (k.in_type == DType::kU8) run(uint8_t{}, uint8_t{}, int32_t{});
    else run(int16_t{}, int8_t{}, int64_t{});
  }
  return out;
}

TEST(DepthwiseConv2D, FloatMatchesHandComputedValues) {
  // Two channels, multiplier 1, a 2x1 filter, VALID: out[y][c] =
  // in[y][c] * w0[c] + in[y+1][c] * w1[c] + bias[c].
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 3, 1, 2});
  int f = w.add_constant<float>("f", DType::kF32, {1, 2, 1, 2}, {1.f, 10.f, -1.f, 100.f});
  int b = w.add_constant<float>("b", DType::kF32, {2}, {0.25f, -0.5f});
  int y = w.add_tensor("y", DType::kF32, {1, 2, 1, 2});
  tflfb::DepthwiseConv2DOptionsT o;
  o.padding = tflfb::Padding_VALID;
  o.stride_h = o.stride_w = 1;
  o.depth_multiplier = 1;
  w.add_op(tflfb::BuiltinOperator_DEPTHWISE_CONV_2D, {x, f, b}, {y}, o);
  w.add_output(y);
  NpyArray in = empty_like(DType::kF32, {1, 3, 1, 2});
  const float xs[] = {1, 2, 3, 4, 5, 6};
  std::copy(xs, xs + 6, data_of<float>(in));
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  const float* v = data_of<float>(out[0]);
  EXPECT_FLOAT_EQ(v[0], 1 * 1 - 3 * 1 + 0.25f);
  EXPECT_FLOAT_EQ(v[1], 2 * 10 + 4 * 100 - 0.5f);
  EXPECT_FLOAT_EQ(v[2], 3 * 1 - 5 * 1 + 0.25f);
  EXPECT_FLOAT_EQ(v[3], 4 * 10 + 6 * 100 - 0.5f);
}

class DepthwiseGrid : public ::testing::TestWithParam<DwCase> {};

TEST_P(DepthwiseGrid, MatchesReferenceKernel) {
  const DwCase& k = GetParam();
  DwModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 7);
  // At every ISA level: the layers pick their microkernels in prepare.
  for (IsaLevel level : isa_levels()) {
    ScopedIsa isa(level);
    SCOPED_TRACE(isa_name(level));
    std::vector<NpyArray> ours;
    Status st = run_interpreter(m.bytes, {in}, &ours, 2);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(same_result(ours[0], reference_output(k, m, in), /*exact=*/true));
  }
}

TEST_P(DepthwiseGrid, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const DwCase& k = GetParam();
  DwModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 7);
  std::vector<NpyArray> ours, ref;
  ASSERT_TRUE(run_interpreter(m.bytes, {in}, &ours).ok());
  Status st = run_tflite_ref(m.bytes, {in}, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(same_result(ours[0], ref[0], /*exact=*/true));
}

constexpr auto F32 = DType::kF32;
constexpr auto I8 = DType::kI8;
constexpr auto U8 = DType::kU8;
constexpr auto I16 = DType::kI16;
constexpr auto SAME = tflfb::Padding_SAME;
constexpr auto VALID = tflfb::Padding_VALID;
constexpr auto NONE = tflfb::ActivationFunctionType_NONE;
constexpr auto RELU = tflfb::ActivationFunctionType_RELU;
constexpr auto RELU6 = tflfb::ActivationFunctionType_RELU6;

INSTANTIATE_TEST_SUITE_P(
    Shapes, DepthwiseGrid,
    ::testing::Values(DwCase{F32, F32, 1, 9, 8, 16, 1, 3, 3, 1, 1, 1, 1, SAME, RELU6},
                      DwCase{F32, F32, 2, 8, 7, 5, 1, 3, 3, 2, 2, 1, 1, VALID, RELU, false},
                      DwCase{F32, F32, 1, 10, 10, 3, 2, 3, 3, 1, 1, 2, 2, SAME},
                      DwCase{F32, F32, 1, 9, 1, 1, 8, 5, 1, 2, 1, 1, 1, SAME, RELU},
                      DwCase{I8, I8, 1, 9, 9, 12, 1, 3, 3, 2, 2, 1, 1, SAME, RELU6},
                      DwCase{I8, I8, 2, 7, 6, 3, 2, 3, 2, 1, 1, 1, 2, VALID, RELU},
                      DwCase{I8, I8, 1, 8, 8, 6, 1, 3, 3, 1, 1, 1, 1, SAME, NONE, true, false},
                      DwCase{U8, U8, 1, 9, 8, 7, 1, 3, 3, 1, 1, 1, 1, SAME, RELU6, true, false},
                      DwCase{U8, U8, 1, 6, 7, 4, 1, 3, 3, 2, 2, 1, 1, VALID, NONE, true, false},
                      DwCase{I16, I8, 1, 6, 9, 8, 1, 3, 3, 1, 1, 1, 1, SAME},
                      // microkernel channel tails, stride 2 edges, dilation
                      DwCase{F32, F32, 1, 7, 9, 37, 1, 3, 3, 2, 2, 1, 1, SAME, RELU},
                      DwCase{F32, F32, 1, 9, 10, 19, 1, 3, 3, 1, 1, 2, 2, SAME},
                      DwCase{I8, I8, 2, 8, 9, 37, 1, 3, 3, 2, 2, 1, 1, SAME, RELU6},
                      DwCase{U8, U8, 1, 9, 10, 19, 1, 3, 3, 1, 1, 2, 2, SAME, NONE, true, false},
                      // one input channel with a multiplier: the 8-bit convolution path (micro_speech)
                      DwCase{I8, I8, 2, 13, 11, 1, 8, 10, 8, 2, 2, 1, 1, SAME, RELU},
                      DwCase{U8, U8, 1, 9, 8, 1, 5, 3, 3, 1, 1, 2, 1, VALID, NONE, true, false},
                      DwCase{I8, I8, 1, 7, 9, 1, 33, 3, 2, 1, 2, 1, 1, SAME, RELU6},
                      // 8-bit without bias: TFLite's builtin fixed-point kernel (XNNPACK does not take them)
                      DwCase{I8, I8, 1, 8, 8, 6, 1, 3, 3, 1, 1, 1, 1, SAME, NONE, false},
                      DwCase{I8, I8, 1, 7, 9, 1, 33, 3, 2, 1, 2, 1, 1, SAME, RELU6, false},
                      DwCase{U8, U8, 1, 8, 8, 2, 4, 3, 3, 1, 1, 1, 1, SAME, NONE, false, false},
                      DwCase{F32, I8, 1, 8, 7, 10, 1, 3, 3, 1, 1, 1, 1, SAME, RELU6},
                      DwCase{F32, I8, 2, 6, 6, 4, 1, 3, 3, 2, 2, 1, 1, VALID}),
    [](const auto& info) { return case_name(info.param); });

TEST(DepthwiseConv2D, RejectsChannelMismatch) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 4, 4, 3});
  NpyArray fv = random_array(DType::kF32, {1, 3, 3, 4}, 1);
  int f = w.add_constant_bytes("f", DType::kF32, {1, 3, 3, 4}, fv.data);
  int y = w.add_tensor("y", DType::kF32, {1, 4, 4, 4});
  tflfb::DepthwiseConv2DOptionsT o;
  o.stride_h = o.stride_w = 1;
  w.add_op(tflfb::BuiltinOperator_DEPTHWISE_CONV_2D, {x, f, -1}, {y}, o);
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_array(DType::kF32, {1, 4, 4, 3}, 2)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

}  // namespace
}  // namespace tfb::test
