#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> fc_model(int batches, int depth, int units, bool with_bias,
                              tflfb::ActivationFunctionType act) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {batches, depth});
  NpyArray weights = random_array(DType::kF32, {units, depth}, 11);
  int wt = w.add_constant_bytes("w", DType::kF32, {units, depth}, weights.data);
  int bias = -1;
  if (with_bias) {
    NpyArray b = random_array(DType::kF32, {units}, 12);
    bias = w.add_constant_bytes("b", DType::kF32, {units}, b.data);
  }
  int y = w.add_tensor("y", DType::kF32, {batches, units});
  tflfb::FullyConnectedOptionsT opts;
  opts.fused_activation_function = act;
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, bias}, {y}, opts);
  w.add_output(y);
  return w.finish();
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
  NpyArray in{DType::kF32, {1, 2}, {}};
  float xs[] = {2.f, 1.f};
  in.data.assign(reinterpret_cast<uint8_t*>(xs), reinterpret_cast<uint8_t*>(xs) + sizeof(xs));
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(w.finish(), {in}, &out).ok());
  const float* v = reinterpret_cast<const float*>(out[0].data.data());
  EXPECT_FLOAT_EQ(v[0], 2 * 1 + 1 * 2 + 0.5f);     // 4.5
  EXPECT_FLOAT_EQ(v[1], 2 * 3 + 1 * -4 + 1.f);  // 3
}

struct FcCase {
  int batches, depth, units;
  bool bias;
  tflfb::ActivationFunctionType act;
};

class FullyConnectedVsTflite : public ::testing::TestWithParam<FcCase> {};

TEST_P(FullyConnectedVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const FcCase& c = GetParam();
  auto model = fc_model(c.batches, c.depth, c.units, c.bias, c.act);
  std::vector<NpyArray> inputs = {random_array(DType::kF32, {c.batches, c.depth}, 5)};
  std::vector<NpyArray> ours, ref;
  ASSERT_TRUE(run_interpreter(model, inputs, &ours).ok());
  Status st = run_tflite_ref(model, inputs, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(ours.size(), ref.size());
  EXPECT_TRUE(floats_close(ours[0], ref[0]));
}

INSTANTIATE_TEST_SUITE_P(Grid, FullyConnectedVsTflite,
                         ::testing::Values(FcCase{1, 16, 8, true, tflfb::ActivationFunctionType_NONE},
                                           FcCase{3, 7, 5, false, tflfb::ActivationFunctionType_RELU},
                                           FcCase{2, 33, 17, true, tflfb::ActivationFunctionType_RELU6}));

}  // namespace
}  // namespace tfb::test
