// Every op of this family in the real models, with its real parameters
// (shapes, options, constant inputs, quantization), cut out of the model
// and run on random data by our interpreter and by the real TFLite. The
// ops of one model go into one test model, so each model costs one
// tflite-ref run.
#include <map>
#include <set>

#include "op_test_util.h"

namespace tfb::test {
namespace {

const std::set<tflfb::BuiltinOperator> kFamily = {tflfb::BuiltinOperator_RESHAPE,
                                                  tflfb::BuiltinOperator_SQUEEZE,
                                                  tflfb::BuiltinOperator_EXPAND_DIMS,
                                                  tflfb::BuiltinOperator_PAD,
                                                  tflfb::BuiltinOperator_PADV2,
                                                  tflfb::BuiltinOperator_MIRROR_PAD,
                                                  tflfb::BuiltinOperator_CONCATENATION,
                                                  tflfb::BuiltinOperator_SPLIT,
                                                  tflfb::BuiltinOperator_SPLIT_V,
                                                  tflfb::BuiltinOperator_PACK,
                                                  tflfb::BuiltinOperator_UNPACK,
                                                  tflfb::BuiltinOperator_SLICE,
                                                  tflfb::BuiltinOperator_STRIDED_SLICE,
                                                  tflfb::BuiltinOperator_TRANSPOSE,
                                                  tflfb::BuiltinOperator_TILE,
                                                  tflfb::BuiltinOperator_GATHER,
                                                  tflfb::BuiltinOperator_GATHER_ND,
                                                  tflfb::BuiltinOperator_SHAPE,
                                                  tflfb::BuiltinOperator_SPACE_TO_BATCH_ND,
                                                  tflfb::BuiltinOperator_BATCH_TO_SPACE_ND,
                                                  tflfb::BuiltinOperator_DEPTH_TO_SPACE,
                                                  tflfb::BuiltinOperator_SPACE_TO_DEPTH,
                                                  tflfb::BuiltinOperator_RESIZE_BILINEAR,
                                                  tflfb::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR,
                                                  tflfb::BuiltinOperator_ARG_MAX,
                                                  tflfb::BuiltinOperator_ARG_MIN,
                                                  tflfb::BuiltinOperator_MEAN,
                                                  tflfb::BuiltinOperator_SUM,
                                                  tflfb::BuiltinOperator_REDUCE_MAX,
                                                  tflfb::BuiltinOperator_REDUCE_MIN,
                                                  tflfb::BuiltinOperator_REDUCE_PROD};

tflfb::BuiltinOperator op_code(const tflfb::ModelT& m, const tflfb::OperatorT& op) {
  const auto& c = *m.operator_codes[op.opcode_index];
  return static_cast<tflfb::BuiltinOperator>(std::max<int>(c.builtin_code, c.deprecated_builtin_code));
}

bool has_data(const tflfb::ModelT& m, const tflfb::TensorT& t) {
  return t.buffer != 0 && t.buffer < m.buffers.size() && !m.buffers[t.buffer]->data.empty();
}

struct Extracted {
  std::vector<uint8_t> model;
  std::vector<NpyArray> inputs;
  std::vector<std::string> ops;      // op names, for messages
  std::vector<std::string> outputs;  // "OP tensor-name" of each output
};

// Copies the family's ops whose inputs are constants, data tensors or
// outputs of ops already copied; index-valued inputs computed by other
// ops are unknown here, so such ops are left out.
Extracted extract(const std::vector<uint8_t>& bytes) {
  auto src = tflfb::UnPackModel(bytes.data());
  const auto& sg = *src->subgraphs[0];
  tflfb::ModelT dst;
  dst.version = 3;
  dst.buffers.push_back(std::make_unique<tflfb::BufferT>());
  auto g = std::make_unique<tflfb::SubGraphT>();
  std::map<int, int> tensor_map;  // source index -> new index
  std::map<int, int> code_map;
  std::set<int> produced;
  std::set<std::string> seen;  // op signatures already taken
  Extracted ex;
  uint32_t seed = 1;
  auto copy_tensor = [&](int i) {
    auto t = std::make_unique<tflfb::TensorT>(*sg.tensors[i]);
    t->buffer = 0;
    if (has_data(*src, *sg.tensors[i])) {
      auto b = std::make_unique<tflfb::BufferT>();
      b->data = src->buffers[sg.tensors[i]->buffer]->data;
      t->buffer = static_cast<uint32_t>(dst.buffers.size());
      dst.buffers.push_back(std::move(b));
    }
    g->tensors.push_back(std::move(t));
    return tensor_map[i] = static_cast<int>(g->tensors.size() - 1);
  };
  for (const auto& op_ptr : sg.operators) {
    const tflfb::OperatorT& op = *op_ptr;
    const tflfb::BuiltinOperator code = op_code(*src, op);
    if (!kFamily.count(code)) continue;
    bool ok = !op.outputs.empty();
    std::string sig = tflfb::EnumNameBuiltinOperator(code);
    for (size_t k = 0; k < op.inputs.size() && ok; ++k) {
      const int i = op.inputs[k];
      if (i < 0) continue;
      const auto& t = *sg.tensors[i];
      const bool index_like = t.type == tflfb::TensorType_INT32 || t.type == tflfb::TensorType_INT64;
      const bool gather_indices =
          (code == tflfb::BuiltinOperator_GATHER || code == tflfb::BuiltinOperator_GATHER_ND) && k == 1;
      // An intermediate with a -1 beyond the batch dimension: its stored shape
      // is a placeholder. (Model inputs are fed at their stored shape.)
      const bool model_input = std::count(sg.inputs.begin(), sg.inputs.end(), i) > 0;
      const bool unknown_shape = !model_input && t.shape_signature.size() > 1 &&
                                 std::count(t.shape_signature.begin() + 1, t.shape_signature.end(), -1) > 0;
      if (t.sparsity || t.type == tflfb::TensorType_COMPLEX64) ok = false;  // tflite-ref cannot feed or read these
      if (!has_data(*src, t) && !produced.count(i) && (t.shape.empty() || unknown_shape)) ok = false;
      if (!has_data(*src, t) && !produced.count(i) && index_like && !gather_indices) ok = false;
      sig += "|" + std::to_string(t.type);
      for (int d : t.shape) sig += "," + std::to_string(d);
    }
    for (int o : op.outputs)
      if ((sg.tensors[o]->shape.empty() && code != tflfb::BuiltinOperator_STRIDED_SLICE) ||
          sg.tensors[o]->type == tflfb::TensorType_COMPLEX64)
        ok = false;
    if (!ok) continue;
    flatbuffers::FlatBufferBuilder opts_fbb;  // options are part of the signature
    opts_fbb.Finish(tflfb::CreateOperator(opts_fbb, &op));
    sig += std::string(reinterpret_cast<const char*>(opts_fbb.GetBufferPointer()), opts_fbb.GetSize());
    if (!seen.insert(sig).second) continue;  // the same op again: nothing new to check
    auto nop = std::make_unique<tflfb::OperatorT>(op);
    for (int& i : nop->inputs) {
      if (i < 0) continue;
      if (tensor_map.count(i)) {
        i = tensor_map[i];
        continue;
      }
      const auto& t = *sg.tensors[i];
      const int k = static_cast<int>(&i - nop->inputs.data());
      const int ni = copy_tensor(i);
      if (!has_data(*src, t)) {  // a new model input with random data
        g->inputs.push_back(ni);
        std::vector<int64_t> shape(t.shape.begin(), t.shape.end());
        const DType type = static_cast<DType>(t.type);
        if (k == 1 && (code == tflfb::BuiltinOperator_GATHER || code == tflfb::BuiltinOperator_GATHER_ND)) {
          const auto& params = *sg.tensors[op.inputs[0]];
          int limit = INT32_MAX;
          if (code == tflfb::BuiltinOperator_GATHER) {
            const auto* o = op.builtin_options.AsGatherOptions();
            int axis = o ? o->axis : 0;
            if (axis < 0) axis += static_cast<int>(params.shape.size());
            limit = params.shape[axis];
          } else {
            for (size_t d = 0; d < static_cast<size_t>(t.shape.back()); ++d) limit = std::min(limit, params.shape[d]);
          }
          ex.inputs.push_back(random_array(type, shape, seed++, 0, limit - 1));
        } else {
          ex.inputs.push_back(random_of(type, shape, seed++));
        }
      }
      i = ni;
    }
    for (int& o : nop->outputs) {
      const int src_index = o;
      o = copy_tensor(o);
      produced.insert(src_index);
      ex.outputs.push_back(std::string(tflfb::EnumNameBuiltinOperator(code)) + " " + sg.tensors[src_index]->name);
      g->outputs.push_back(o);
    }
    if (!code_map.count(static_cast<int>(op.opcode_index))) {
      code_map[static_cast<int>(op.opcode_index)] = static_cast<int>(dst.operator_codes.size());
      dst.operator_codes.push_back(std::make_unique<tflfb::OperatorCodeT>(*src->operator_codes[op.opcode_index]));
    }
    nop->opcode_index = static_cast<uint32_t>(code_map[static_cast<int>(op.opcode_index)]);
    g->operators.push_back(std::move(nop));
    ex.ops.push_back(tflfb::EnumNameBuiltinOperator(code));
  }
  if (g->operators.empty()) return ex;
  dst.subgraphs.push_back(std::move(g));
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, &dst), "TFL3");
  ex.model.assign(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
  return ex;
}

std::vector<std::string> model_names() {
  std::vector<std::string> names;
  fs::path dir = shared_dir();
  if (dir.empty()) return {"(shared-absent)"};
  for (const auto& e : fs::directory_iterator(dir / "models"))
    if (e.path().extension() == ".tflite") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class ShapeOpsInModels : public ::testing::TestWithParam<std::string> {};

TEST_P(ShapeOpsInModels, MatchTflite) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  Extracted ex = extract(read_file(shared_dir() / "models" / (GetParam() + ".tflite")));
  if (ex.ops.empty()) GTEST_SKIP() << "no op of this family with known inputs";
  std::vector<NpyArray> ours, ref;
  Status st = run_interpreter(ex.model, ex.inputs, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  st = run_tflite_ref(ex.model, ex.inputs, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(ours.size(), ref.size());
  int exact = 0;
  double worst = 0;
  for (size_t i = 0; i < ours.size(); ++i) {
    EXPECT_TRUE(outputs_match(ours[i], ref[i])) << "output " << i;
    const double d = max_abs_diff(ours[i], ref[i]);
    exact += d == 0;
    if (d != 0) std::cout << "    output " << i << " (" << ex.outputs[i] << "): max |diff| " << d << "\n";
    worst = std::max(worst, d);
  }
  std::string list;
  for (const auto& op : ex.ops) list += " " + op;
  std::cout << "  " << GetParam() << ": " << ex.ops.size() << " ops (" << exact << "/" << ours.size()
            << " outputs exact, max |diff| " << worst << "):" << list << "\n";
}

INSTANTIATE_TEST_SUITE_P(Shared, ShapeOpsInModels, ::testing::ValuesIn(model_names()), [](const auto& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
});

}  // namespace
}  // namespace tfb::test
