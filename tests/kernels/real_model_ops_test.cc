// Every elementwise, activation, pooling, softmax and (de)quantize op inside
// the real models, run alone on the real TFLite's own input values, matches
// the real TFLite's output for that op. One tflite-ref run per model taps
// every tensor these ops read or write (they are made extra model outputs);
// each op is then cut out into a single-op model and run by our interpreter.
// This checks our kernels layer by layer on real data, independently of the
// other kernels a full model needs.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "support/test_util.h"

namespace tfb::test {
namespace {

using tflfb::BuiltinOperator;

const std::set<int32_t>& ops_under_test() {
  static const std::set<int32_t> ops = {tflfb::BuiltinOperator_ADD,
                                        tflfb::BuiltinOperator_SUB,
                                        tflfb::BuiltinOperator_MUL,
                                        tflfb::BuiltinOperator_DIV,
                                        tflfb::BuiltinOperator_SQUARED_DIFFERENCE,
                                        tflfb::BuiltinOperator_MAXIMUM,
                                        tflfb::BuiltinOperator_MINIMUM,
                                        tflfb::BuiltinOperator_POW,
                                        tflfb::BuiltinOperator_FLOOR_DIV,
                                        tflfb::BuiltinOperator_FLOOR_MOD,
                                        tflfb::BuiltinOperator_LESS,
                                        tflfb::BuiltinOperator_LESS_EQUAL,
                                        tflfb::BuiltinOperator_GREATER,
                                        tflfb::BuiltinOperator_GREATER_EQUAL,
                                        tflfb::BuiltinOperator_EQUAL,
                                        tflfb::BuiltinOperator_NOT_EQUAL,
                                        tflfb::BuiltinOperator_SELECT_V2,
                                        tflfb::BuiltinOperator_RSQRT,
                                        tflfb::BuiltinOperator_SQRT,
                                        tflfb::BuiltinOperator_LOG,
                                        tflfb::BuiltinOperator_EXP,
                                        tflfb::BuiltinOperator_ABS,
                                        tflfb::BuiltinOperator_NEG,
                                        tflfb::BuiltinOperator_SQUARE,
                                        tflfb::BuiltinOperator_RELU,
                                        tflfb::BuiltinOperator_RELU6,
                                        tflfb::BuiltinOperator_LOGISTIC,
                                        tflfb::BuiltinOperator_TANH,
                                        tflfb::BuiltinOperator_HARD_SWISH,
                                        tflfb::BuiltinOperator_LEAKY_RELU,
                                        tflfb::BuiltinOperator_PRELU,
                                        tflfb::BuiltinOperator_SOFTMAX,
                                        tflfb::BuiltinOperator_AVERAGE_POOL_2D,
                                        tflfb::BuiltinOperator_MAX_POOL_2D,
                                        tflfb::BuiltinOperator_L2_NORMALIZATION,
                                        tflfb::BuiltinOperator_QUANTIZE,
                                        tflfb::BuiltinOperator_DEQUANTIZE,
                                        tflfb::BuiltinOperator_CAST};
  return ops;
}

int32_t builtin_of(const tflfb::ModelT& m, const tflfb::OperatorT& op) {
  const auto& code = *m.operator_codes.at(op.opcode_index);
  return std::max<int32_t>(code.deprecated_builtin_code, code.builtin_code);
}

bool is_constant(const tflfb::ModelT& m, int tensor) {
  const auto& t = *m.subgraphs[0]->tensors[tensor];
  return t.buffer > 0 && t.buffer < m.buffers.size() && !m.buffers[t.buffer]->data.empty();
}

std::vector<uint8_t> pack(const tflfb::ModelT& m) {
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, &m), tflfb::ModelIdentifier());
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

// A model holding only operator `index` of `m`'s main subgraph; its inputs
// are the op's non-constant inputs, in order.
std::vector<uint8_t> single_op_model(const tflfb::ModelT& m, size_t index, std::vector<int>* inputs) {
  const auto& sg = *m.subgraphs[0];
  const auto& op = *sg.operators[index];
  tflfb::ModelT out;
  out.version = 3;
  out.buffers.push_back(std::make_unique<tflfb::BufferT>());
  out.operator_codes.push_back(std::make_unique<tflfb::OperatorCodeT>(*m.operator_codes[op.opcode_index]));
  auto sub = std::make_unique<tflfb::SubGraphT>();
  std::map<int, int> remap;
  auto map_tensor = [&](int t) {
    if (t < 0) return -1;
    auto it = remap.find(t);
    if (it != remap.end()) return it->second;
    auto copy = std::make_unique<tflfb::TensorT>(*sg.tensors[t]);
    copy->buffer = 0;
    if (is_constant(m, t)) {
      out.buffers.push_back(std::make_unique<tflfb::BufferT>(*m.buffers[sg.tensors[t]->buffer]));
      copy->buffer = static_cast<uint32_t>(out.buffers.size() - 1);
    }
    sub->tensors.push_back(std::move(copy));
    const int id = static_cast<int>(sub->tensors.size() - 1);
    remap[t] = id;
    return id;
  };
  auto new_op = std::make_unique<tflfb::OperatorT>(op);
  new_op->opcode_index = 0;
  new_op->intermediates.clear();
  for (int& t : new_op->inputs) {
    const int original = t;
    t = map_tensor(t);
    if (original >= 0 && !is_constant(m, original)) {
      sub->inputs.push_back(t);
      inputs->push_back(original);
    }
  }
  for (int& t : new_op->outputs) {
    t = map_tensor(t);
    sub->outputs.push_back(t);
  }
  sub->operators.push_back(std::move(new_op));
  out.subgraphs.push_back(std::move(sub));
  return pack(out);
}

int64_t count_differing(const NpyArray& a, const NpyArray& b) {
  if (a.data.size() != b.data.size()) return b.count();
  const size_t size = dtype_size(b.type);
  int64_t n = 0;
  for (size_t i = 0; i + size <= b.data.size(); i += size) n += std::memcmp(&a.data[i], &b.data[i], size) != 0;
  return n;
}

std::vector<std::string> models_with_ops() {
  std::vector<std::string> names;
  fs::path dir = shared_dir();
  if (dir.empty()) return {"(shared-absent)"};
  for (const auto& e : fs::directory_iterator(dir / "golden")) {
    const std::string name = e.path().filename().string();
    if (name.rfind("tflm_", 0) == 0 || !fs::exists(e.path() / "meta.json")) continue;  // single-op models
    names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

class RealModelOps : public ::testing::TestWithParam<std::string> {};

TEST_P(RealModelOps, EachOpMatchesTfliteOnItsOwnInputs) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  const fs::path dir = shared_dir() / "golden" / GetParam();
  auto meta = nlohmann::json::parse(read_file(dir / "meta.json"));
  const auto bytes = read_file(shared_dir() / meta["model_file"].get<std::string>());
  auto model = tflfb::UnPackModel(bytes.data());
  ASSERT_TRUE(model && !model->subgraphs.empty());
  auto& sg = *model->subgraphs[0];

  // Ops computed only from constants (e.g. DEQUANTIZE of float16 weights)
  // are folded away by XNNPACK, so TFLite never materializes their outputs:
  // such ops and their consumers have no reference values here.
  std::set<int> from_constants;
  std::vector<size_t> ops;
  std::set<int> needed;
  for (size_t i = 0; i < sg.operators.size(); ++i) {
    const auto& op = *sg.operators[i];
    bool constant_only = true, reads_folded = false;
    for (int t : op.inputs) {
      if (t < 0) continue;
      reads_folded |= from_constants.count(t) > 0;
      constant_only &= is_constant(*model, t) || from_constants.count(t);
    }
    if (constant_only)
      for (int t : op.outputs) from_constants.insert(t);
    if (constant_only || reads_folded || !ops_under_test().count(builtin_of(*model, op))) continue;
    ops.push_back(i);
    for (int t : op.inputs)
      if (t >= 0 && !is_constant(*model, t)) needed.insert(t);
    for (int t : op.outputs) needed.insert(t);
  }
  if (ops.empty()) GTEST_SKIP() << "no op of this family in the model";

  // Values of every tensor: model inputs from the golden data, the rest
  // tapped from TFLite as extra outputs.
  std::map<int, NpyArray> values;
  std::vector<NpyArray> model_inputs;
  for (size_t i = 0; i < sg.inputs.size(); ++i) {
    model_inputs.push_back(load_npy(dir / ("input_" + std::to_string(i) + ".npy")));
    values[sg.inputs[i]] = model_inputs.back();
  }
  const size_t first_tap = sg.outputs.size();
  std::vector<int> taps;
  for (int t : needed)
    if (!values.count(t)) taps.push_back(t);
  sg.outputs.insert(sg.outputs.end(), taps.begin(), taps.end());
  std::vector<NpyArray> ref;
  Status st = run_tflite_ref(pack(*model), model_inputs, &ref);
  if (!st.ok()) GTEST_SKIP() << "the real TFLite cannot run this model: " << st.message().substr(0, 200);
  ASSERT_EQ(ref.size(), first_tap + taps.size());
  for (size_t i = 0; i < taps.size(); ++i) values[taps[i]] = ref[first_tap + i];

  for (size_t index : ops) {
    const auto& op = *sg.operators[index];
    std::vector<int> input_ids;
    const auto single = single_op_model(*model, index, &input_ids);
    std::vector<NpyArray> inputs, ours;
    for (int t : input_ids) inputs.push_back(values.at(t));
    const std::string what = "op #" + std::to_string(index) + " " +
                             tflfb::EnumNameBuiltinOperator(static_cast<BuiltinOperator>(builtin_of(*model, op))) +
                             " -> " + sg.tensors[op.outputs[0]]->name;
    st = run_interpreter(single, inputs, &ours);
    ASSERT_TRUE(st.ok()) << what << ": " << st.message();
    for (size_t o = 0; o < ours.size(); ++o) {
      const NpyArray& expected = values.at(op.outputs[o]);
      EXPECT_TRUE(outputs_match(ours[o], expected)) << what;
      const double diff = max_abs_diff(ours[o], expected);
      RecordProperty(what, std::to_string(diff));
      if (std::getenv("TFB_LAYER_REPORT"))
        std::printf("LAYER %s | %s | %s | max|diff| %g | differing %lld of %lld\n", GetParam().c_str(), what.c_str(),
                    dtype_name(expected.type), diff, static_cast<long long>(count_differing(ours[o], expected)),
                    static_cast<long long>(expected.count()));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, RealModelOps, ::testing::ValuesIn(models_with_ops()), [](const auto& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
});

}  // namespace
}  // namespace tfb::test
