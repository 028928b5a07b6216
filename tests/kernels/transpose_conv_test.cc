#include "kernels/conv_geometry.h"
#include "kernels/conv_test_util.h"
#include "kernels/reference/conv.h"
#include "schema/model_writer.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

using Act = tflfb::ActivationFunctionType;

struct TcCase {
  DType in_type, filter_type;
  int n, h, w, c, oc, kh, kw;
  int sh, sw;
  int out_h, out_w;
  tflfb::Padding padding = tflfb::Padding_SAME;
  bool bias = true;
  bool per_channel = true;
  Act act = tflfb::ActivationFunctionType_NONE;
};

std::string case_name(const TcCase& k) {
  return std::string(dtype_short(k.in_type)) + "_" + std::to_string(k.n) + "x" + std::to_string(k.h) + "x" +
         std::to_string(k.w) + "x" + std::to_string(k.c) + "_oc" + std::to_string(k.oc) + "_k" + std::to_string(k.kh) +
         std::to_string(k.kw) + "_s" + std::to_string(k.sh) + std::to_string(k.sw) + "_out" + std::to_string(k.out_h) +
         "x" + std::to_string(k.out_w) + (k.padding == tflfb::Padding_SAME ? "_same" : "_valid") +
         (k.bias ? "" : "_nobias") + (k.per_channel ? "" : "_pertensor") + "_" +
         tflfb::EnumNameActivationFunctionType(k.act);
}

struct TcModel {
  std::vector<uint8_t> bytes;
  ConvGeometry g;
  Operand in, filter, bias, out;
};

TcModel build(const TcCase& k) {
  TcModel m;
  WindowOptions wo{k.padding, k.sh, k.sw, 1, 1};
  const int32_t in_nhwc[4] = {k.n, k.h, k.w, k.c}, out_nhwc[4] = {k.n, k.out_h, k.out_w, k.oc};
  EXPECT_TRUE(transpose_conv_geometry(in_nhwc, out_nhwc, k.kh, k.kw, wo, &m.g).ok());
  m.in.quant = activation_quant(k.in_type);
  if (k.filter_type != DType::kF32) m.filter.quant = filter_quant(k.filter_type, k.per_channel ? k.oc : 1, 0);
  m.filter.values = filter_values(k.filter_type, {k.oc, k.kh, k.kw, k.c}, 51);
  if (k.in_type != DType::kF32) m.out.quant = output_quant(k.in_type, m.in.quant, m.filter.quant, int64_t{k.c} * 2);
  if (k.bias) {
    m.bias.type = k.in_type == DType::kF32 ? DType::kF32 : k.in_type == DType::kI16 ? DType::kI64 : DType::kI32;
    m.bias.values = k.in_type == DType::kF32 ? random_array(DType::kF32, {k.oc}, 52)
                                             : random_array(m.bias.type, {k.oc}, 52, -3000, 3000);
    if (k.in_type != DType::kF32) m.bias.quant = bias_quant(m.in.quant, m.filter.quant);
  }
  ModelWriter w;
  int shape = w.add_constant<int32_t>("shape", DType::kI32, {4}, {k.n, k.out_h, k.out_w, k.oc});
  int f = w.add_constant_bytes("f", k.filter_type, {k.oc, k.kh, k.kw, k.c}, m.filter.values.data, m.filter.quant);
  int x = w.add_input("x", k.in_type, {k.n, k.h, k.w, k.c}, m.in.quant);
  int y = w.add_tensor("y", k.in_type, {k.n, k.out_h, k.out_w, k.oc}, m.out.quant);
  std::vector<int> ins = {shape, f, x};
  if (k.bias) ins.push_back(w.add_constant_bytes("b", m.bias.type, {k.oc}, m.bias.values.data, m.bias.quant));
  tflfb::TransposeConvOptionsT o;
  o.padding = k.padding;
  o.stride_h = k.sh;
  o.stride_w = k.sw;
  o.fused_activation_function = k.act;
  const int version = k.act != tflfb::ActivationFunctionType_NONE ? 4 : k.bias ? 3 : k.in_type == DType::kI8 ? 2 : 1;
  w.add_op(tflfb::BuiltinOperator_TRANSPOSE_CONV, ins, {y}, o, version);
  w.add_output(y);
  m.bytes = w.finish();
  return m;
}

NpyArray reference_output(const TcCase& k, const TcModel& m, const NpyArray& input) {
  const ConvGeometry& g = m.g;
  NpyArray out = empty_like(k.in_type, {g.batches, g.out_h, g.out_w, g.out_c});
  const FloatRange act = activation_range(k.act);
  if (k.in_type == DType::kF32) {
    const float* bias = k.bias ? data_of<float>(m.bias.values) : nullptr;
    reference::transpose_conv<float>(g, data_of<float>(input), 0, data_of<float>(m.filter.values), 0,
                                     data_of<float>(out), [&](float acc, int, int oc) {
                                       return std::clamp(acc + (bias ? bias[oc] : 0.f), act.min, act.max);
                                     });
    return out;
  }
  Requantization rq;
  EXPECT_TRUE(make_requantization(Requantization::Arithmetic::kFixedPoint, tensor_like(k.in_type, m.in.quant),
                                  tensor_like(k.filter_type, m.filter.quant), tensor_like(k.in_type, m.out.quant),
                                  g.out_c, k.act, &rq)
                  .ok());
  auto run = [&](auto in_tag, auto w_tag, auto acc_tag) {
    using TIn = decltype(in_tag);
    using TW = decltype(w_tag);
    using Acc = decltype(acc_tag);
    reference::transpose_conv<Acc>(g, data_of<TIn>(input), m.in.zp(), data_of<TW>(m.filter.values), m.filter.zp(),
                                   data_of<TIn>(out), [&](Acc acc, int, int oc) {
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
  return out;
}

TEST(TransposeConv, FloatMatchesHandComputedValues) {
  // One channel, 2x2 filter, stride 2, VALID: each input value x spreads to
  // a 2x2 output block as x * filter, blocks do not overlap.
  ModelWriter w;
  int shape = w.add_constant<int32_t>("shape", DType::kI32, {4}, {1, 2, 4, 1});
  int f = w.add_constant<float>("f", DType::kF32, {1, 2, 2, 1}, {1.f, 2.f, 3.f, 4.f});
  int x = w.add_input("x", DType::kF32, {1, 1, 2, 1});
  int y = w.add_tensor("y", DType::kF32, {1, 2, 4, 1});
  tflfb::TransposeConvOptionsT o;
  o.padding = tflfb::Padding_VALID;
  o.stride_h = o.stride_w = 2;
  w.add_op(tflfb::BuiltinOperator_TRANSPOSE_CONV, {shape, f, x}, {y}, o);
  w.add_output(y);
  NpyArray in = empty_like(DType::kF32, {1, 1, 2, 1});
  data_of<float>(in)[0] = 10.f;
  data_of<float>(in)[1] = -1.f;
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  const float expected[] = {10, 20, -1, -2, 30, 40, -3, -4};
  for (int i = 0; i < 8; ++i) EXPECT_FLOAT_EQ(data_of<float>(out[0])[i], expected[i]) << i;
}

class TransposeConvGrid : public ::testing::TestWithParam<TcCase> {};

TEST_P(TransposeConvGrid, MatchesReferenceKernel) {
  const TcCase& k = GetParam();
  TcModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 3);
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

TEST_P(TransposeConvGrid, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const TcCase& k = GetParam();
  TcModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 3);
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

INSTANTIATE_TEST_SUITE_P(Shapes, TransposeConvGrid,
                         ::testing::Values(TcCase{F32, F32, 1, 4, 5, 3, 6, 3, 3, 2, 2, 8, 10, SAME},
                                           TcCase{F32, F32, 2, 3, 3, 4, 5, 2, 2, 2, 2, 6, 6, VALID, false},
                                           TcCase{F32, F32, 1, 5, 4, 2, 3, 3, 4, 1, 2, 7, 10, VALID},
                                           TcCase{I8, I8, 1, 4, 4, 8, 6, 2, 2, 2, 2, 8, 8, VALID, false},
                                           TcCase{I8, I8, 1, 3, 5, 5, 7, 3, 3, 2, 1, 6, 5, SAME},
                                           TcCase{U8, U8, 1, 4, 3, 3, 4, 3, 3, 2, 2, 7, 5, SAME, true, false},
                                           TcCase{I16, I8, 1, 2, 10, 16, 8, 3, 4, 1, 2, 4, 22, VALID}),
                         [](const auto& info) { return case_name(info.param); });

// Fused activations (TRANSPOSE_CONV v4) are newer than the TFLite of the
// oracle, which ignores them.
class TransposeConvNewerThanOracle : public TransposeConvGrid {};

TEST_P(TransposeConvNewerThanOracle, MatchesReferenceKernel) {
  const TcCase& k = GetParam();
  TcModel m = build(k);
  NpyArray in = random_values(k.in_type, {k.n, k.h, k.w, k.c}, 3);
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

INSTANTIATE_TEST_SUITE_P(
    Shapes, TransposeConvNewerThanOracle,
    ::testing::Values(TcCase{F32, F32, 1, 3, 3, 4, 5, 3, 3, 2, 2, 6, 6, SAME, true, true, tflfb::ActivationFunctionType_RELU},
                      TcCase{I8, I8, 1, 3, 3, 4, 5, 3, 3, 2, 2, 6, 6, SAME, true, true, tflfb::ActivationFunctionType_RELU6}),
    [](const auto& info) { return case_name(info.param); });

TEST(TransposeConv, RejectsOutputShapeNotMatchingFilter) {
  ModelWriter w;
  int shape = w.add_constant<int32_t>("shape", DType::kI32, {4}, {1, 4, 4, 3});
  NpyArray fv = random_array(DType::kF32, {2, 2, 2, 1}, 1);
  int f = w.add_constant_bytes("f", DType::kF32, {2, 2, 2, 1}, fv.data);
  int x = w.add_input("x", DType::kF32, {1, 2, 2, 1});
  int y = w.add_tensor("y", DType::kF32, {1, 4, 4, 3});
  tflfb::TransposeConvOptionsT o;
  o.stride_h = o.stride_w = 2;
  w.add_op(tflfb::BuiltinOperator_TRANSPOSE_CONV, {shape, f, x}, {y}, o);
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_array(DType::kF32, {1, 2, 2, 1}, 2)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

}  // namespace
}  // namespace tfb::test
