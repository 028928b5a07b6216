#include <functional>

#include "kernels/lstm_test_models.h"
#include "support/model_surgery.h"

namespace tfb::test {
namespace {

NpyArray int8_array(std::vector<int64_t> shape, const std::vector<uint8_t>& bytes) {
  return NpyArray{DType::kI8, std::move(shape), bytes};
}

// Runs `model` with our interpreter and with TFLite on the same inputs.
void expect_same_as_tflite(const std::vector<uint8_t>& model, const std::vector<NpyArray>& inputs, bool exact) {
  std::vector<NpyArray> ours, ref;
  Status st = run_interpreter(model, inputs, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  st = run_tflite_ref(model, inputs, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(ours.size(), ref.size());
  for (size_t i = 0; i < ours.size(); ++i) {
    if (exact) {
      EXPECT_TRUE(ints_close(ours[i], ref[i], 0, 1.0)) << "output " << i;
    } else {
      EXPECT_TRUE(outputs_match(ours[i], ref[i])) << "output " << i;
    }
  }
}

// The LSTM ops of real models, cut out of them, against TFLite.
TEST(UnidirectionalSequenceLstm, DtlnLstmsBitExactWithTflite) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  auto model = read_file(shared_dir() / "models/dtln_noise_suppression_int8.tflite");
  auto input = read_file(shared_dir() / "models/inputs/dtln_input_1x1x257_int8.raw");
  expect_same_as_tflite(keep_ops(model, {0, 1}, {34, 42}), {int8_array({1, 1, 257}, input)}, true);
}

TEST(UnidirectionalSequenceLstm, MnistInt8BitExactWithTflite) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  auto model = read_file(shared_dir() / "models/mnist_lstm_int8.tflite");
  NpyArray in = load_npy(shared_dir() / "golden/mnist_lstm_int8/input_0.npy");
  expect_same_as_tflite(keep_ops(model, {0}, {23}), {in}, true);
}

TEST(UnidirectionalSequenceLstm, KerasInt8BitExactWithTflite) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  auto model = read_file(shared_dir() / "models/keras_lstm_mnist_int8.tflite");
  expect_same_as_tflite(keep_ops(model, {1}, {24}), {random_array(DType::kI8, {1, 28, 28}, 3, -128, 127)}, true);
}

TEST(UnidirectionalSequenceLstm, MnistFloatMatchesTflite) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  auto model = read_file(shared_dir() / "models/mnist_lstm_float.tflite");
  NpyArray in = load_npy(shared_dir() / "golden/mnist_lstm_float/input_0.npy");
  expect_same_as_tflite(keep_ops(model, {0}, {18}), {in}, false);
}

// One float cell unit, one input, all weights 0.5 and zero biases: the
// gates are sigmoid/tanh of 0.5 * (x + h) and the state follows by hand.
TEST(UnidirectionalSequenceLstm, MatchesHandComputedSteps) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 2, 1});
  std::vector<int> in(24, -1);
  in[0] = x;
  for (int i = 1; i <= 8; ++i) in[i] = w.add_constant<float>("w" + std::to_string(i), DType::kF32, {1, 1}, {0.5f});
  for (int i = 12; i <= 15; ++i) in[i] = w.add_constant<float>("b" + std::to_string(i), DType::kF32, {1}, {0.f});
  in[18] = w.add_tensor("h", DType::kF32, {1, 1});
  in[19] = w.add_tensor("c", DType::kF32, {1, 1});
  w.set_variable(in[18]);
  w.set_variable(in[19]);
  int y = w.add_tensor("y", DType::kF32, {1, 2, 1});
  tflfb::UnidirectionalSequenceLSTMOptionsT o;
  o.fused_activation_function = tflfb::ActivationFunctionType_TANH;
  w.add_op(tflfb::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, in, {y}, o);
  w.add_output(y);
  NpyArray input{DType::kF32, {1, 2, 1}, {}};
  const float xs[2] = {1.0f, -2.0f};
  input.data.assign(reinterpret_cast<const uint8_t*>(xs), reinterpret_cast<const uint8_t*>(xs) + sizeof(xs));
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {input}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  auto sigmoid = [](double v) { return 1.0 / (1.0 + std::exp(-v)); };
  double h = 0, c = 0;
  for (int t = 0; t < 2; ++t) {
    const double pre = 0.5 * xs[t] + 0.5 * h;
    c = sigmoid(pre) * c + sigmoid(pre) * std::tanh(pre);
    h = sigmoid(pre) * std::tanh(c);
    EXPECT_NEAR(reinterpret_cast<const float*>(out[0].data.data())[t], h, 1e-6) << "step " << t;
  }
}

// A sequence in one invocation equals the same steps fed one per
// invocation: the states are kept between runs, and reset on request.
TEST(UnidirectionalSequenceLstm, StateCarriesAcrossInvocations) {
  for (bool integer : {false, true}) {
    LstmCase one;
    one.integer = integer;
    one.steps = 1;
    LstmCase three = one;
    three.steps = 3;
    NpyArray seq = lstm_input(three, 9);
    std::vector<NpyArray> whole;
    ASSERT_TRUE(run_interpreter(lstm_model(three), {seq}, &whole).ok());

    auto model = lstm_model(one);
    std::unique_ptr<Interpreter> interp;
    ASSERT_TRUE(Interpreter::create(model, {}, &interp).ok());
    const size_t step_in = interp->input(0).bytes, step_out = interp->output(0).bytes;
    auto run_steps = [&] {
      for (int t = 0; t < 3; ++t) {
        std::memcpy(interp->input(0).data, seq.data.data() + t * step_in, step_in);
        ASSERT_TRUE(interp->invoke().ok());
        EXPECT_EQ(0, std::memcmp(interp->output(0).data, whole[0].data.data() + t * step_out, step_out))
            << (integer ? "int8" : "float") << " step " << t;
      }
    };
    run_steps();
    interp->reset_variables();
    run_steps();
  }
}

class LstmVsTflite : public ::testing::TestWithParam<LstmCase> {};

TEST_P(LstmVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const LstmCase& c = GetParam();
  // TFLite's integer LSTM is exact integer arithmetic: we match it bit for bit.
  expect_same_as_tflite(lstm_model(c), {lstm_input(c, c.seed + 7)}, c.integer);
}

std::vector<LstmCase> lstm_grid() {
  std::vector<LstmCase> cases;
  for (bool integer : {false, true}) {
    uint32_t seed = integer ? 50 : 1;
    auto add = [&](std::function<void(LstmCase&)> edit) {
      LstmCase c;
      c.integer = integer;
      c.seed = seed++;
      edit(c);
      cases.push_back(c);
    };
    add([](LstmCase&) {});
    add([](LstmCase& c) { c.batches = 2; c.time_major = true; c.cell_clip = 0.8f; });
    add([](LstmCase& c) { c.batches = 3; c.steps = 2; c.cifg = true; });
    add([](LstmCase& c) { c.peephole = true; c.batches = 2; });
    add([](LstmCase& c) { c.cifg = true; c.peephole = true; });
    add([](LstmCase& c) { c.layer_norm = true; c.n_cell = c.n_output = 8; });
    add([](LstmCase& c) { c.layer_norm = true; c.cifg = true; c.batches = 2; c.time_major = true; });
    add([](LstmCase& c) { c.projection = true; c.n_output = 3; c.proj_clip = 0.3f; });
    add([](LstmCase& c) { c.projection = true; c.projection_bias = true; c.n_output = 6; c.layer_norm = true; });
    add([](LstmCase& c) { c.hidden_zp = -5; c.steps = 4; });
    add([](LstmCase& c) { c.sequence = false; c.batches = 2; });
    add([](LstmCase& c) { c.sequence = false; c.layer_norm = true; c.projection = true; c.projection_bias = true; });
  }
  return cases;
}

std::string lstm_case_name(const ::testing::TestParamInfo<LstmCase>& info) {
  const LstmCase& c = info.param;
  std::string s = std::string(c.integer ? "int8" : "float") + (c.sequence ? "_seq" : "_step") + "_b" +
                  std::to_string(c.batches) + (c.time_major ? "_timemajor" : "") + (c.cifg ? "_cifg" : "") +
                  (c.peephole ? "_peephole" : "") + (c.layer_norm ? "_layernorm" : "") +
                  (c.projection ? "_projection" : "") + (c.projection_bias ? "bias" : "") +
                  (c.cell_clip > 0 ? "_cellclip" : "") + (c.proj_clip > 0 ? "_projclip" : "") +
                  (c.hidden_zp ? "_hiddenzp" : "");
  return s;
}

INSTANTIATE_TEST_SUITE_P(Grid, LstmVsTflite, ::testing::ValuesIn(lstm_grid()), lstm_case_name);

}  // namespace
}  // namespace tfb::test
