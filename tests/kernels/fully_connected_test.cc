#include "kernels/conv_test_util.h"
#include "kernels/reference/conv.h"
#include "schema/model_writer.h"
#include "support/isa_levels.h"

namespace tfb::test {
namespace {

using Act = tflfb::ActivationFunctionType;

struct FcCase {
  DType in_type, filter_type;
  std::vector<int64_t> in_shape;  // last dimension = depth unless keep_dims is false
  int units;
  Act act = tflfb::ActivationFunctionType_NONE;
  bool bias = true;
  bool keep_dims = false;
  bool per_channel = false;
  bool asymmetric = false;  // hybrid: asymmetric_quantize_inputs
};

std::string case_name(const FcCase& k) {
  std::string s = std::string(dtype_short(k.in_type)) + "_w" + dtype_short(k.filter_type) + "_in";
  for (int64_t d : k.in_shape) s.append("x").append(std::to_string(d));
  return s + "_u" + std::to_string(k.units) + "_" + tflfb::EnumNameActivationFunctionType(k.act) +
         (k.bias ? "" : "_nobias") + (k.keep_dims ? "_keepdims" : "") + (k.per_channel ? "_perchannel" : "") +
         (k.asymmetric ? "_asym" : "");
}

struct FcModel {
  std::vector<uint8_t> bytes;
  int64_t batches, depth;
  Operand in, filter, bias, out;
};

FcModel build(const FcCase& k) {
  FcModel m;
  m.depth = k.in_shape.back();
  int64_t count = 1;
  for (int64_t d : k.in_shape) count *= d;
  m.batches = count / m.depth;
  m.in.quant = activation_quant(k.in_type);
  if (k.filter_type != DType::kF32) m.filter.quant = filter_quant(k.filter_type, k.per_channel ? k.units : 1, 0);
  m.filter.values = filter_values(k.filter_type, {k.units, m.depth}, 41);
  if (k.in_type != DType::kF32) m.out.quant = output_quant(k.in_type, m.in.quant, m.filter.quant, m.depth);
  if (k.bias) {
    m.bias.type = k.in_type == DType::kF32 ? DType::kF32 : k.in_type == DType::kI16 ? DType::kI64 : DType::kI32;
    m.bias.values = k.in_type == DType::kF32 ? random_array(DType::kF32, {k.units}, 42)
                                             : random_array(m.bias.type, {k.units}, 42, -3000, 3000);
    if (k.in_type != DType::kF32) m.bias.quant = bias_quant(m.in.quant, m.filter.quant);
  }
  Shape in_shape, out_shape;
  for (int64_t d : k.in_shape) in_shape.dim[in_shape.rank++] = static_cast<int32_t>(d);
  if (k.keep_dims) {
    out_shape = in_shape;
    out_shape.dim[out_shape.rank - 1] = k.units;
  } else {
    out_shape = Shape{static_cast<int32_t>(m.batches), k.units};
  }
  ModelWriter w;
  int x = w.add_input("x", k.in_type, in_shape, m.in.quant);
  int f = w.add_constant_bytes("f", k.filter_type, {k.units, static_cast<int32_t>(m.depth)}, m.filter.values.data,
                               m.filter.quant);
  int b = k.bias ? w.add_constant_bytes("b", m.bias.type, {k.units}, m.bias.values.data, m.bias.quant) : -1;
  int y = w.add_tensor("y", k.in_type, out_shape, m.out.quant);
  tflfb::FullyConnectedOptionsT o;
  o.fused_activation_function = k.act;
  o.keep_num_dims = k.keep_dims;
  o.asymmetric_quantize_inputs = k.asymmetric;
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, f, b}, {y}, o, k.in_type == DType::kF32 ? 5 : 4);
  w.add_output(y);
  m.bytes = w.finish();
  return m;
}

NpyArray reference_output(const FcCase& k, const FcModel& m, const NpyArray& input) {
  const int64_t B = m.batches, D = m.depth;
  NpyArray out = empty_like(k.in_type, {B, k.units});
  const FloatRange act = activation_range(k.act);
  if (k.in_type == DType::kF32 && k.filter_type == DType::kF32) {
    const float* bias = k.bias ? data_of<float>(m.bias.values) : nullptr;
    reference::fully_connected<float>(static_cast<int>(B), k.units, static_cast<int>(D), data_of<float>(input), 0,
                                      data_of<float>(m.filter.values), 0, data_of<float>(out),
                                      [&](float acc, int, int u) {
                                        return std::clamp(acc + (bias ? bias[u] : 0.f), act.min, act.max);
                                      });
  } else if (k.in_type == DType::kF32) {
    const std::vector<float>& fs = m.filter.quant.scale;
    std::vector<int8_t> q(static_cast<size_t>(D));
    for (int64_t b = 0; b < B; ++b) {
      RowQuantization rq = quantize_row(k.asymmetric, data_of<float>(input) + b * D, D, q.data());
      reference::fully_connected<int32_t>(1, k.units, static_cast<int>(D), q.data(), rq.zero_point,
                                          data_of<int8_t>(m.filter.values), 0, data_of<float>(out) + b * k.units,
                                          [&](int32_t acc, int, int u) {
                                            float v = static_cast<float>(acc) * (rq.scale * fs[fs.size() == 1 ? 0 : u]);
                                            if (k.bias) v += data_of<float>(m.bias.values)[u];
                                            return std::clamp(v, act.min, act.max);
                                          });
    }
  } else {
    Requantization rq;
    const auto arithmetic = k.in_type == DType::kI16 ? Requantization::Arithmetic::kFixedPoint
                                                     : Requantization::Arithmetic::kFloatScale;
    EXPECT_TRUE(make_requantization(arithmetic, tensor_like(k.in_type, m.in.quant),
                                    tensor_like(k.filter_type, m.filter.quant), tensor_like(k.in_type, m.out.quant),
                                    k.units, k.act, &rq)
                    .ok());
    auto run = [&](auto in_tag, auto w_tag, auto acc_tag) {
      using TIn = decltype(in_tag);
      using TW = decltype(w_tag);
      using Acc = decltype(acc_tag);
      reference::fully_connected<Acc>(static_cast<int>(B), k.units, static_cast<int>(D), data_of<TIn>(input),
                                      m.in.zp(), data_of<TW>(m.filter.values), m.filter.zp(), data_of<TIn>(out),
                                      [&](Acc acc, int, int u) {
                                        Acc b = 0;
                                        if (k.bias)
                                          b = k.in_type == DType::kI16
                                                  ? static_cast<Acc>(data_of<int64_t>(m.bias.values)[u])
                                                  : static_cast<Acc>(data_of<int32_t>(m.bias.values)[u]);
                                        return static_cast<TIn>(rq(acc + b, u));
                                      });
    };
    if (k.in_type == DType::kI8) run(int8_t{}, int8_t{}, int32_t{});
    else if (k.in_type == DType::kU8) run(uint8_t{}, uint8_t{}, int32_t{});
    else run(int16_t{}, int8_t{}, int64_t{});
  }
  return out;
}

TEST(FullyConnected, MatchesHandComputedValues) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 2});
  int wt = w.add_constant<float>("w", DType::kF32, {2, 2}, {1.f, 2.f, 3.f, -4.f});
  int b = w.add_constant<float>("b", DType::kF32, {2}, {0.5f, 1.f});
  int y = w.add_tensor("y", DType::kF32, {1, 2});
  tflfb::FullyConnectedOptionsT opts;
  opts.fused_activation_function = tflfb::ActivationFunctionType_RELU;
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, b}, {y}, opts);
  w.add_output(y);
  NpyArray in = empty_like(DType::kF32, {1, 2});
  data_of<float>(in)[0] = 2.f;
  data_of<float>(in)[1] = 1.f;
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  EXPECT_FLOAT_EQ(data_of<float>(out[0])[0], 2 * 1 + 1 * 2 + 0.5f);  // 4.5
  EXPECT_FLOAT_EQ(data_of<float>(out[0])[1], 2 * 3 + 1 * -4 + 1.f);  // 3
}

TEST(FullyConnected, Uint8MatchesHandComputedValues) {
  // in (scale 0.5, zp 10), weights (scale 0.25, zp 128), out (scale 1, zp 100):
  // acc = (20-10)*(132-128) + (6-10)*(120-128) + bias 8 = 40 + 32 + 8 = 80,
  // out = round(80 * 0.125) + 100 = 110.
  ModelWriter w;
  int x = w.add_input("x", DType::kU8, {1, 2}, quant_of(0.5f, 10));
  int wt = w.add_constant<uint8_t>("w", DType::kU8, {1, 2}, {132, 120}, quant_of(0.25f, 128));
  int b = w.add_constant<int32_t>("b", DType::kI32, {1}, {8}, quant_of(0.125f, 0));
  int y = w.add_tensor("y", DType::kU8, {1, 1}, quant_of(1.f, 100));
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, b}, {y}, tflfb::FullyConnectedOptionsT{});
  w.add_output(y);
  NpyArray in = empty_like(DType::kU8, {1, 2});
  in.data = {20, 6};
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  EXPECT_EQ(out[0].data[0], 110);
}

// A fully connected layer whose float weights are a model input (a matrix
// product with a computed operand).
TEST(FullyConnected, FloatWeightsFromInput) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {3, 5});
  int f = w.add_input("f", DType::kF32, {4, 5});
  int y = w.add_tensor("y", DType::kF32, {3, 4});
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, f, -1}, {y}, tflfb::FullyConnectedOptionsT{}, 6);
  w.add_output(y);
  NpyArray a = random_array(DType::kF32, {3, 5}, 1), b = random_array(DType::kF32, {4, 5}, 2);
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {a, b}, &out).ok());
  NpyArray ref = empty_like(DType::kF32, {3, 4});
  reference::fully_connected<float>(3, 4, 5, data_of<float>(a), 0, data_of<float>(b), 0, data_of<float>(ref),
                                    [](float acc, int, int) { return acc; });
  EXPECT_TRUE(floats_close(out[0], ref));
}

// Weights so large that 32-bit sums could overflow are refused up front.
TEST(FullyConnected, RejectsAccumulatorOverflow) {
  const int depth = 40000;
  ModelWriter w;
  int x = w.add_input("x", DType::kU8, {1, depth}, quant_of(0.5f, 0));
  int wt = w.add_constant("w", DType::kU8, {1, depth}, std::vector<uint8_t>(depth, 255), quant_of(0.25f, 0));
  int y = w.add_tensor("y", DType::kU8, {1, 1}, quant_of(1000.f, 0));
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, -1}, {y}, tflfb::FullyConnectedOptionsT{});
  w.add_output(y);
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {random_values(DType::kU8, {1, depth}, 1)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kUnsupported) << st.message();
}

class FullyConnectedGrid : public ::testing::TestWithParam<FcCase> {};

TEST_P(FullyConnectedGrid, MatchesReferenceKernel) {
  const FcCase& k = GetParam();
  FcModel m = build(k);
  NpyArray in = random_values(k.in_type, k.in_shape, 9);
  // At every ISA level: the layers pick their microkernels in prepare.
  for (IsaLevel level : isa_levels()) {
    ScopedIsa isa(level);
    SCOPED_TRACE(isa_name(level));
    std::vector<NpyArray> ours;
    Status st = run_interpreter(m.bytes, {in}, &ours, 2);
    ASSERT_TRUE(st.ok()) << st.message();
    NpyArray ref = reference_output(k, m, in);
    ref.shape = ours[0].shape;  // keep_num_dims only changes the shape
    EXPECT_TRUE(same_result(ours[0], ref, /*exact=*/true));
  }
}

TEST_P(FullyConnectedGrid, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const FcCase& k = GetParam();
  FcModel m = build(k);
  NpyArray in = random_values(k.in_type, k.in_shape, 9);
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
constexpr auto NONE = tflfb::ActivationFunctionType_NONE;
constexpr auto RELU = tflfb::ActivationFunctionType_RELU;
constexpr auto RELU6 = tflfb::ActivationFunctionType_RELU6;

INSTANTIATE_TEST_SUITE_P(Shapes, FullyConnectedGrid,
                         ::testing::Values(FcCase{F32, F32, {1, 16}, 8},
                                           FcCase{F32, F32, {3, 7}, 5, RELU, false},
                                           FcCase{F32, F32, {2, 5, 33}, 17, RELU6, true, true},
                                           FcCase{F32, F32, {40, 24}, 9, NONE, false, true},
                                           FcCase{I8, I8, {1, 64}, 12, RELU},
                                           // no bias, many outputs: XNNPACK's rounding still
                                           FcCase{I8, I8, {64, 64}, 40, NONE, false},
                                           FcCase{I8, I8, {64, 64}, 40, NONE, false, false, true},
                                           FcCase{I8, I8, {5, 37}, 7},
                                           FcCase{I8, I8, {1, 2, 48}, 20, RELU6, true, true},
                                           FcCase{U8, U8, {2, 30}, 11, RELU},
                                           FcCase{U8, U8, {1, 100}, 4},
                                           FcCase{I8, I8, {9, 70}, 50, RELU, true, false, true},
                                           FcCase{U8, U8, {3, 66}, 35},
                                           FcCase{F32, F32, {7, 45}, 70, RELU6},
                                           // one row, filters over 1 MiB: read in place (f32_gemv)
                                           FcCase{F32, F32, {1, 1030}, 300, RELU6},
                                           FcCase{F32, F32, {1, 2049}, 131, NONE, false},
                                           FcCase{I16, I8, {3, 40}, 6},
                                           FcCase{F32, I8, {1, 64}, 16, RELU},
                                           FcCase{F32, I8, {3, 20}, 6, RELU6, true, false, false, true}),
                         [](const auto& info) { return case_name(info.param); });

// Hybrid layers with per-channel weight scales (FULLY_CONNECTED v12) are
// newer than the TFLite of the oracle, which ignores those scales.
class FullyConnectedNewerThanOracle : public FullyConnectedGrid {};

TEST_P(FullyConnectedNewerThanOracle, MatchesReferenceKernel) {
  const FcCase& k = GetParam();
  FcModel m = build(k);
  NpyArray in = random_values(k.in_type, k.in_shape, 9);
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

INSTANTIATE_TEST_SUITE_P(Shapes, FullyConnectedNewerThanOracle,
                         ::testing::Values(FcCase{F32, I8, {4, 50}, 9, NONE, true, false, true},
                                           FcCase{F32, I8, {2, 30}, 7, RELU, true, false, true, true}),
                         [](const auto& info) { return case_name(info.param); });

}  // namespace
}  // namespace tfb::test
