#include "kernels/conv_geometry.h"
#include "kernels/reference/conv.h"
#include "kernels/conv_test_util.h"
#include "schema/model_writer.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

using Act = tflfb::ActivationFunctionType;

struct ConvCase {
  DType in_type, filter_type;
  int n, h, w, c, oc, kh, kw;
  int sh = 1, sw = 1, dh = 1, dw = 1;
  tflfb::Padding padding = tflfb::Padding_SAME;
  Act act = tflfb::ActivationFunctionType_NONE;
  bool bias = true;
  int groups = 1;
  bool per_channel = true;
};

std::string case_name(const ConvCase& k) {
  std::string s = std::string(dtype_short(k.in_type)) + "_w" + dtype_short(k.filter_type) + "_" +
                  std::to_string(k.n) + "x" + std::to_string(k.h) + "x" + std::to_string(k.w) + "x" +
                  std::to_string(k.c) + "_oc" + std::to_string(k.oc) + "_k" + std::to_string(k.kh) +
                  std::to_string(k.kw) + "_s" + std::to_string(k.sh) + std::to_string(k.sw) + "_d" +
                  std::to_string(k.dh) + std::to_string(k.dw) + (k.padding == tflfb::Padding_SAME ? "_same" : "_valid") +
                  "_" + tflfb::EnumNameActivationFunctionType(k.act) + (k.bias ? "" : "_nobias") +
                  (k.groups > 1 ? "_g" + std::to_string(k.groups) : "") + (k.per_channel ? "" : "_pertensor");
  return s;
}

struct ConvModel {
  std::vector<uint8_t> bytes;
  ConvGeometry g;
  Operand in, filter, bias, out;
};

// zero_bias: add an all-zero bias when the case has none (TFLite 2.12, the
// oracle, requires a CONV_2D bias).
ConvModel build(const ConvCase& k, bool zero_bias = false) {
  ConvModel m;
  const int filter_c = k.c / k.groups;
  WindowOptions wo{k.padding, k.sh, k.sw, k.dh, k.dw};
  const int32_t nhwc[4] = {k.n, k.h, k.w, k.c};
  EXPECT_TRUE(conv_geometry(nhwc, k.kh, k.kw, k.oc, wo, &m.g).ok());
  m.in.type = k.in_type;
  m.in.quant = activation_quant(k.in_type);
  m.filter.type = k.filter_type;
  if (k.filter_type != DType::kF32) m.filter.quant = filter_quant(k.filter_type, k.per_channel ? k.oc : 1, 0);
  m.filter.values = filter_values(k.filter_type, {k.oc, k.kh, k.kw, filter_c}, 21);
  m.out.type = k.in_type;
  if (k.in_type != DType::kF32)
    m.out.quant = output_quant(k.in_type, m.in.quant, m.filter.quant, int64_t{k.kh} * k.kw * filter_c);
  const bool with_bias = k.bias || zero_bias;
  if (with_bias) {
    if (k.in_type == DType::kF32) {
      m.bias.type = DType::kF32;
      m.bias.values = random_array(DType::kF32, {k.oc}, 22);
    } else {
      m.bias.type = k.in_type == DType::kI16 ? DType::kI64 : DType::kI32;
      m.bias.values = random_array(m.bias.type, {k.oc}, 22, -3000, 3000);
      m.bias.quant = bias_quant(m.in.quant, m.filter.quant);
    }
    if (!k.bias) std::fill(m.bias.values.data.begin(), m.bias.values.data.end(), 0);
  }
  ModelWriter w;
  int x = w.add_input("x", k.in_type, {k.n, k.h, k.w, k.c}, m.in.quant);
  int f = w.add_constant_bytes("f", k.filter_type, {k.oc, k.kh, k.kw, filter_c}, m.filter.values.data,
                               m.filter.quant);
  int b = with_bias ? w.add_constant_bytes("b", m.bias.type, {k.oc}, m.bias.values.data, m.bias.quant) : -1;
  int y = w.add_tensor("y", k.in_type, {m.g.batches, m.g.out_h, m.g.out_w, k.oc}, m.out.quant);
  tflfb::Conv2DOptionsT o;
  o.padding = k.padding;
  o.stride_h = k.sh;
  o.stride_w = k.sw;
  o.dilation_h_factor = k.dh;
  o.dilation_w_factor = k.dw;
  o.fused_activation_function = k.act;
  std::vector<int> ins = {x, f};
  if (with_bias) ins.push_back(b);
  w.add_op(tflfb::BuiltinOperator_CONV_2D, ins, {y}, o, k.groups > 1 ? 6 : 1);
  w.add_output(y);
  m.bytes = w.finish();
  return m;
}

// The reference kernel's result for the model's operands.
NpyArray reference_output(const ConvCase& k, const ConvModel& m, const NpyArray& input) {
  const ConvGeometry& g = m.g;
  NpyArray out = empty_like(k.in_type, {g.batches, g.out_h, g.out_w, g.out_c});
  const int filter_c = k.c / k.groups;
  const FloatRange act = activation_range(k.act);
  if (k.in_type == DType::kF32 && k.filter_type == DType::kF32) {
    const float* bias = k.bias ? data_of<float>(m.bias.values) : nullptr;
    reference::conv_2d<float>(g, filter_c, data_of<float>(input), 0, data_of<float>(m.filter.values), 0,
                              data_of<float>(out), [&](float acc, int, int oc) {
                                return std::clamp(acc + (bias ? bias[oc] : 0.f), act.min, act.max);
                              });
  } else if (k.in_type == DType::kF32) {
    // Hybrid: per-batch input quantization, integer sums, float rescale.
    const std::vector<float>& fs = m.filter.quant.scale;
    bool asymmetric = false;
    for (float v : fs) asymmetric |= v != fs[0];
    const int64_t per_batch = int64_t{g.in_h} * g.in_w * g.in_c;
    const int64_t out_per_batch = int64_t{g.out_h} * g.out_w * g.out_c;
    std::vector<int8_t> q(static_cast<size_t>(per_batch));
    ConvGeometry g1 = g;
    g1.batches = 1;
    for (int b = 0; b < g.batches; ++b) {
      RowQuantization rq = quantize_row(asymmetric, data_of<float>(input) + b * per_batch, per_batch, q.data());
      reference::conv_2d<int32_t>(g1, filter_c, q.data(), rq.zero_point, data_of<int8_t>(m.filter.values), 0,
                                  data_of<float>(out) + b * out_per_batch, [&](int32_t acc, int, int oc) {
                                    float v = static_cast<float>(acc) * (rq.scale * fs[fs.size() == 1 ? 0 : oc]);
                                    if (k.bias) v += data_of<float>(m.bias.values)[oc];
                                    return std::clamp(v, act.min, act.max);
                                  });
    }
  } else {
    Requantization rq;
    const auto arithmetic = k.in_type == DType::kI16 ? Requantization::Arithmetic::kFixedPoint
                                                     : Requantization::Arithmetic::kFloatScale;
    EXPECT_TRUE(make_requantization(arithmetic, tensor_like(k.in_type, m.in.quant),
                                    tensor_like(k.filter_type, m.filter.quant), tensor_like(k.in_type, m.out.quant),
                                    g.out_c, k.act, &rq)
                    .ok());
    auto run = [&](auto in_tag, auto w_tag, auto acc_tag) {
      using TIn = decltype(in_tag);
      using TW = decltype(w_tag);
      using Acc = decltype(acc_tag);
      reference::conv_2d<Acc>(g, filter_c, data_of<TIn>(input), m.in.zp(), data_of<TW>(m.filter.values),
                              m.filter.zp(), data_of<TIn>(out), [&](Acc acc, int, int oc) {
                                Acc b = 0;
                                if (k.bias)
                                  b = k.in_type == DType::kI16 ? static_cast<Acc>(data_of<int64_t>(m.bias.values)[oc])
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

TEST(Conv2D, FloatMatchesHandComputedValues) {
  // 1x3x3x1 input, one 2x2 filter, VALID, stride 1: each output is the sum
  // of a 2x2 window weighted 1, 2, 3, 4, plus bias 0.5, then RELU.
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 3, 3, 1});
  int f = w.add_constant<float>("f", DType::kF32, {1, 2, 2, 1}, {1.f, 2.f, 3.f, 4.f});
  int b = w.add_constant<float>("b", DType::kF32, {1}, {0.5f});
  int y = w.add_tensor("y", DType::kF32, {1, 2, 2, 1});
  tflfb::Conv2DOptionsT o;
  o.padding = tflfb::Padding_VALID;
  o.stride_h = o.stride_w = 1;
  o.fused_activation_function = tflfb::ActivationFunctionType_RELU;
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f, b}, {y}, o);
  w.add_output(y);
  NpyArray in = empty_like(DType::kF32, {1, 3, 3, 1});
  const float xs[] = {1, 2, 3, 4, 5, 6, 7, 8, -90};
  std::copy(xs, xs + 9, data_of<float>(in));
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  const float* v = data_of<float>(out[0]);
  EXPECT_FLOAT_EQ(v[0], 1 * 1 + 2 * 2 + 4 * 3 + 5 * 4 + 0.5f);   // 37.5
  EXPECT_FLOAT_EQ(v[1], 2 * 1 + 3 * 2 + 5 * 3 + 6 * 4 + 0.5f);   // 47.5
  EXPECT_FLOAT_EQ(v[2], 4 * 1 + 5 * 2 + 7 * 3 + 8 * 4 + 0.5f);   // 67.5
  EXPECT_FLOAT_EQ(v[3], 0.f);                                    // 5+12+24-360+0.5 < 0
}

TEST(Conv2D, Int8MatchesHandComputedValues) {
  // Input scale 0.5 zp 1, filter scale 0.25, output scale 1 zp -2. A 1x1
  // conv with weights {4, -8}: acc = 4*(x0-1) - 8*(x1-1) + bias 6,
  // out = round(acc * 0.125) - 2.
  ModelWriter w;
  int x = w.add_input("x", DType::kI8, {1, 1, 2, 2}, quant_of(0.5f, 1));
  int f = w.add_constant<int8_t>("f", DType::kI8, {1, 1, 1, 2}, {4, -8}, quant_of(0.25f, 0));
  int b = w.add_constant<int32_t>("b", DType::kI32, {1}, {6});
  int y = w.add_tensor("y", DType::kI8, {1, 1, 2, 1}, quant_of(1.f, -2));
  tflfb::Conv2DOptionsT o;
  o.stride_h = o.stride_w = 1;
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f, b}, {y}, o, 3);
  w.add_output(y);
  NpyArray in = empty_like(DType::kI8, {1, 1, 2, 2});
  const int8_t xs[] = {11, -9, 1, 100};
  std::copy(xs, xs + 4, data_of<int8_t>(in));
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  // pixel 0: 4*10 - 8*(-10) + 6 = 126 -> 15.75 -> 16 - 2 = 14
  // pixel 1: 4*0 - 8*99 + 6 = -786 -> -98.25 -> -98 - 2 = -100
  EXPECT_EQ(data_of<int8_t>(out[0])[0], 14);
  EXPECT_EQ(data_of<int8_t>(out[0])[1], -100);
}

class Conv2DGrid : public ::testing::TestWithParam<ConvCase> {};

// Our kernel (2 threads) against the reference kernel: exact for integers.
TEST_P(Conv2DGrid, MatchesReferenceKernel) {
  const ConvCase& k = GetParam();
  ConvModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 5);
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

// Our kernel against the real TFLite. int8/uint8 run in XNNPACK there, whose
// requantization we reproduce, and int16 in TFLite's reference kernels: all
// exact.
TEST_P(Conv2DGrid, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const ConvCase& k = GetParam();
  ConvModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 5);
  std::vector<NpyArray> ours, ref;
  ASSERT_TRUE(run_interpreter(m.bytes, {in}, &ours).ok());
  Status st = run_tflite_ref(build(k, /*zero_bias=*/true).bytes, {in}, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(same_result(ours[0], ref[0], /*exact=*/true));
}

constexpr auto F32 = DType::kF32;
constexpr auto I8 = DType::kI8;
constexpr auto U8 = DType::kU8;
constexpr auto I16 = DType::kI16;
constexpr auto VALID = tflfb::Padding_VALID;
constexpr auto RELU = tflfb::ActivationFunctionType_RELU;
constexpr auto RELU6 = tflfb::ActivationFunctionType_RELU6;
constexpr auto RELU_N1 = tflfb::ActivationFunctionType_RELU_N1_TO_1;

INSTANTIATE_TEST_SUITE_P(
    Shapes, Conv2DGrid,
    ::testing::Values(
        // float: 1x1 direct, strided SAME, VALID, dilation, batch, no bias, groups
        ConvCase{F32, F32, 1, 5, 7, 8, 16, 1, 1},
        ConvCase{F32, F32, 1, 9, 8, 3, 5, 3, 3, 2, 2, 1, 1, tflfb::Padding_SAME, RELU6},
        ConvCase{F32, F32, 2, 7, 6, 4, 6, 3, 2, 1, 1, 1, 1, VALID, RELU, false},
        ConvCase{F32, F32, 1, 10, 9, 3, 4, 3, 3, 1, 1, 2, 3, tflfb::Padding_SAME, RELU_N1},
        ConvCase{F32, F32, 1, 6, 6, 8, 6, 3, 3, 1, 2, 1, 1, tflfb::Padding_SAME, RELU, true, 2},
        // float microkernel tails: 19 -> 37 channels, 1x1 stride 2, dilated rows
        ConvCase{F32, F32, 1, 7, 8, 19, 37, 3, 3},
        ConvCase{F32, F32, 1, 9, 9, 20, 40, 1, 1, 2, 2, 1, 1, VALID, RELU},
        ConvCase{F32, F32, 1, 9, 8, 5, 18, 3, 3, 1, 1, 2, 1, tflfb::Padding_SAME, RELU6},
        // int8 per-channel / per-tensor, uint8, int16
        ConvCase{I8, I8, 1, 6, 5, 8, 12, 1, 1},
        // no bias, enough outputs that another rounding would show (unlike DEPTHWISE_CONV_2D, XNNPACK takes these)
        ConvCase{I8, I8, 1, 12, 12, 6, 16, 3, 3, 1, 1, 1, 1, tflfb::Padding_SAME, RELU, false},
        ConvCase{I8, I8, 1, 12, 12, 6, 16, 1, 1, 1, 1, 1, 1, VALID, RELU6, false},
        ConvCase{I8, I8, 2, 9, 7, 3, 5, 3, 3, 2, 2, 1, 1, tflfb::Padding_SAME, RELU6},
        ConvCase{I8, I8, 1, 8, 8, 4, 7, 3, 3, 1, 1, 2, 2, VALID, RELU, false},
        ConvCase{I8, I8, 1, 7, 6, 5, 6, 2, 3, 1, 2, 1, 1, tflfb::Padding_SAME, RELU, true, 1, false},
        ConvCase{U8, U8, 1, 9, 9, 3, 8, 3, 3, 2, 2, 1, 1, tflfb::Padding_SAME, RELU6, true, 1, false},
        ConvCase{U8, U8, 2, 5, 6, 6, 4, 1, 1, 1, 1, 1, 1, VALID, tflfb::ActivationFunctionType_NONE, true, 1, false},
        // 8-bit microkernel tiles and tails: wide and deep 1x1 (6x32 on VNNI),
        // depths not a multiple of 4, a first layer, dilated rows
        ConvCase{I8, I8, 1, 4, 5, 70, 50, 1, 1},
        ConvCase{U8, U8, 1, 5, 4, 96, 40, 1, 1, 1, 1, 1, 1, VALID, RELU, true, 1, false},
        ConvCase{I8, I8, 1, 6, 7, 5, 40, 3, 3, 1, 1, 1, 1, tflfb::Padding_SAME, RELU6},
        ConvCase{U8, U8, 1, 11, 10, 3, 33, 3, 3, 2, 2, 1, 1, tflfb::Padding_SAME, RELU6, true, 1, false},
        ConvCase{I8, I8, 1, 9, 8, 6, 9, 3, 3, 1, 1, 2, 1, tflfb::Padding_SAME},
        ConvCase{I16, I8, 1, 4, 12, 8, 8, 3, 4, 1, 2, 1, 1, VALID},
        ConvCase{I16, I8, 2, 5, 5, 6, 5, 3, 3, 1, 1, 1, 1, tflfb::Padding_SAME, RELU},
        // hybrid: per-tensor (symmetric inputs), per-channel (asymmetric)
        ConvCase{F32, I8, 1, 7, 6, 4, 8, 3, 3, 2, 2, 1, 1, tflfb::Padding_SAME, RELU, true, 1, false},
        ConvCase{F32, I8, 2, 5, 5, 6, 9, 1, 1},
        ConvCase{F32, I8, 1, 8, 7, 3, 5, 3, 3, 1, 1, 1, 1, VALID, RELU6}),
    [](const auto& info) { return case_name(info.param); });

// Quantized weights that are not constants (here a model input) are packed
// when their values exist: at every run, before the convolution.
// Float weights that are model inputs are packed when their values exist:
// at every run, before the convolution (two runs of one interpreter here,
// with different weights).
TEST(Conv2D, FloatWeightsComputedAtRunTime) {
  ConvCase k{DType::kF32, DType::kF32, 1, 6, 5, 4, 3, 3, 3};
  k.bias = false;
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 6, 5, 4});
  int f = w.add_input("f", DType::kF32, {3, 3, 3, 4});
  int y = w.add_tensor("y", DType::kF32, {1, 6, 5, 3});
  tflfb::Conv2DOptionsT o;
  o.stride_h = o.stride_w = 1;
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f}, {y}, o, 1);
  w.add_output(y);
  const std::vector<uint8_t> model = w.finish();
  std::unique_ptr<Interpreter> interp;
  ASSERT_TRUE(Interpreter::create(model, {}, &interp).ok());
  NpyArray in = random_values(DType::kF32, {1, 6, 5, 4}, 5);
  std::memcpy(interp->input(0).data, in.data.data(), in.data.size());
  for (uint32_t seed : {21u, 22u}) {
    ConvModel m = build(k);
    m.filter.values = random_values(DType::kF32, {3, 3, 3, 4}, seed);
    std::memcpy(interp->input(1).data, m.filter.values.data.data(), m.filter.values.data.size());
    Status st = interp->invoke();
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(same_result(to_npy(interp->output(0)), reference_output(k, m, in), /*exact=*/true));
  }
}

TEST(Conv2D, Int8WeightsComputedAtRunTime) {
  const ConvCase k{DType::kI8, DType::kI8, 1, 6, 5, 4, 3, 3, 3};
  ConvModel m = build(k);
  ModelWriter w;
  int x = w.add_input("x", DType::kI8, {1, 6, 5, 4}, m.in.quant);
  int f = w.add_input("f", DType::kI8, {3, 3, 3, 4}, m.filter.quant);
  int b = w.add_constant_bytes("b", m.bias.type, {3}, m.bias.values.data, m.bias.quant);
  int y = w.add_tensor("y", DType::kI8, {1, 6, 5, 3}, m.out.quant);
  tflfb::Conv2DOptionsT o;
  o.stride_h = o.stride_w = 1;
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f, b}, {y}, o, 3);
  w.add_output(y);
  NpyArray in = random_values(DType::kI8, {1, 6, 5, 4}, 5);
  std::vector<NpyArray> ours;
  Status st = run_interpreter(w.finish(), {in, m.filter.values}, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(same_result(ours[0], reference_output(k, m, in), /*exact=*/true));
}

TEST(Conv2D, RejectsMismatchedChannels) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 4, 4, 3});
  NpyArray fv = random_array(DType::kF32, {2, 1, 1, 2}, 1);
  int f = w.add_constant_bytes("f", DType::kF32, {2, 1, 1, 2}, fv.data);
  int y = w.add_tensor("y", DType::kF32, {1, 4, 4, 2});
  tflfb::Conv2DOptionsT o;
  o.stride_h = o.stride_w = 1;
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f, -1}, {y}, o);
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_array(DType::kF32, {1, 4, 4, 3}, 2)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(Conv2D, RejectsZeroStride) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 4, 4, 1});
  int f = w.add_constant<float>("f", DType::kF32, {1, 1, 1, 1}, {1.f});
  int y = w.add_tensor("y", DType::kF32, {1, 4, 4, 1});
  tflfb::Conv2DOptionsT o;  // strides left at 0
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f, -1}, {y}, o);
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_array(DType::kF32, {1, 4, 4, 1}, 2)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

}  // namespace
}  // namespace tfb::test
