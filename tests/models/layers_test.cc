// Per-layer check of the convolution-family kernels on the real models: every
// such layer is cut out of the model and run by our kernels on the very
// activations the real TFLite computed inside the full model (from the golden
// inputs), then compared with TFLite's output of that layer. Unlike the golden
// test this needs none of the model's other ops, and it locates a mismatch to
// the layer.
#include <nlohmann/json.hpp>

#include "support/model_surgery.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

const std::vector<tflfb::BuiltinOperator> kLayerOps = {
    tflfb::BuiltinOperator_CONV_2D, tflfb::BuiltinOperator_DEPTHWISE_CONV_2D, tflfb::BuiltinOperator_FULLY_CONNECTED,
    tflfb::BuiltinOperator_TRANSPOSE_CONV, tflfb::BuiltinOperator_BATCH_MATMUL};

// Golden models with at least one such layer (listed without running them).
std::vector<std::string> layer_models() {
  std::vector<std::string> names;
  fs::path dir = shared_dir();
  if (dir.empty()) return {"(shared-absent)"};
  for (const auto& e : fs::directory_iterator(dir / "golden")) {
    // The one-op tflm_seanet_* models are checked whole (bit-exact) below.
    if (!fs::exists(e.path() / "meta.json") || e.path().filename().string().starts_with("tflm_seanet_")) continue;
    auto meta = nlohmann::json::parse(read_file(e.path() / "meta.json"));
    for (const auto& op : meta["ops"]) {
      const std::string name = op[0].get<std::string>();
      bool wanted = false;
      for (auto code : kLayerOps) wanted |= name == tflfb::EnumNameBuiltinOperator(code);
      if (wanted) {
        names.push_back(e.path().filename().string());
        break;
      }
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

int position(const std::vector<int>& v, int x) {
  return static_cast<int>(std::find(v.begin(), v.end(), x) - v.begin());
}

class Layers : public ::testing::TestWithParam<std::string> {};

TEST_P(Layers, MatchTfliteInsideTheModel) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  fs::path dir = shared_dir() / "golden" / GetParam();
  auto meta = nlohmann::json::parse(read_file(dir / "meta.json"));
  auto model = read_file(shared_dir() / meta["model_file"].get<std::string>());
  std::vector<NpyArray> inputs;
  for (size_t i = 0; i < meta["inputs"].size(); ++i)
    inputs.push_back(load_npy(dir / ("input_" + std::to_string(i) + ".npy")));

  // Layers whose weights are computed (float16 or sparse weights behind
  // DEQUANTIZE / DENSIFY) are left to the golden test: XNNPACK folds those
  // ops away, so their outputs cannot be tapped.
  std::vector<int> ops;
  std::vector<OpTensors> io;
  std::vector<int> wanted;
  for (int op : find_ops(model, kLayerOps)) {
    OpTensors t = op_tensors(model, op);
    const size_t activations = t.builtin == tflfb::BuiltinOperator_BATCH_MATMUL ? 2 : 1;
    if (t.inputs.size() != activations) continue;
    ops.push_back(op);
    io.push_back(t);
    wanted.insert(wanted.end(), t.inputs.begin(), t.inputs.end());
    wanted.insert(wanted.end(), t.outputs.begin(), t.outputs.end());
  }
  if (ops.empty()) GTEST_SKIP() << "no layer with constant weights";
  const auto tapped = add_outputs(model, wanted);
  std::vector<NpyArray> activations;
  Status st = run_tflite_ref(tapped, inputs, &activations);
  ASSERT_TRUE(st.ok()) << st.message();
  const std::vector<int> outs = model_outputs(tapped);
  ASSERT_EQ(activations.size(), outs.size());

  std::vector<NpyArray> layer_inputs, ours;
  std::vector<std::vector<int64_t>> shapes;
  for (const OpTensors& t : io)
    for (int in : t.inputs) {
      layer_inputs.push_back(activations[position(outs, in)]);
      shapes.push_back(layer_inputs.back().shape);
    }
  st = run_interpreter(set_input_shapes(isolate_ops(model, ops), shapes), layer_inputs, &ours);
  ASSERT_TRUE(st.ok()) << st.message();

  size_t k = 0;
  int64_t quantized = 0, differing = 0;
  double worst = 0;
  for (size_t i = 0; i < ops.size(); ++i) {
    for (int out : io[i].outputs) {
      const NpyArray& ref = activations[position(outs, out)];
      const NpyArray& got = ours[k++];
      EXPECT_TRUE(outputs_match(got, ref)) << "op #" << ops[i] << " output tensor " << out;
      const double d = max_abs_diff(got, ref);
      worst = std::max(worst, d);
      if (ref.type == DType::kF32) continue;
      quantized += ref.count();
      const size_t size = dtype_size(ref.type);
      for (int64_t e = 0; e < ref.count(); ++e)
        differing += std::memcmp(&got.data[e * size], &ref.data[e * size], size) != 0;
    }
  }
  std::printf("[ layers   ] %s: %zu layers, max |diff| %g; %lld of %lld quantized values differ\n",
              GetParam().c_str(), ops.size(), worst, static_cast<long long>(differing),
              static_cast<long long>(quantized));
}

INSTANTIATE_TEST_SUITE_P(Shared, Layers, ::testing::ValuesIn(layer_models()), [](const auto& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
});

// The int16 one-op models of TFLM's SEANet suite, whose golden outputs are
// TFLite reference-kernel results: ours must be identical, not just close.
std::vector<std::string> int16_golden_models() {
  std::vector<std::string> names;
  fs::path dir = shared_dir();
  if (dir.empty()) return {"(shared-absent)"};
  for (const auto& e : fs::directory_iterator(dir / "golden")) {
    const std::string name = e.path().filename().string();
    if (name.starts_with("tflm_seanet_conv") || name.starts_with("tflm_seanet_transpose_conv")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Int16Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Int16Golden, IsBitExact) {
  TFB_REQUIRE_SHARED();
  fs::path dir = shared_dir() / "golden" / GetParam();
  auto meta = nlohmann::json::parse(read_file(dir / "meta.json"));
  auto model = read_file(shared_dir() / meta["model_file"].get<std::string>());
  std::vector<NpyArray> inputs, ours;
  for (size_t i = 0; i < meta["inputs"].size(); ++i)
    inputs.push_back(load_npy(dir / ("input_" + std::to_string(i) + ".npy")));
  Status st = run_interpreter(model, inputs, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(ints_close(ours[0], load_npy(dir / "output_0.npy"), 0, 1.0));
}

INSTANTIATE_TEST_SUITE_P(Seanet, Int16Golden, ::testing::ValuesIn(int16_golden_models()), [](const auto& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
});

}  // namespace
}  // namespace tfb::test
