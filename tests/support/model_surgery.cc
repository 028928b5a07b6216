#include "support/model_surgery.h"

#include <algorithm>

namespace tfb::test {

namespace {
int32_t builtin_of(const tflfb::ModelT& m, const tflfb::OperatorT& op) {
  const auto& code = *m.operator_codes[op.opcode_index];
  return std::max<int32_t>(code.builtin_code, code.deprecated_builtin_code);
}

bool is_constant(const tflfb::ModelT& m, const tflfb::TensorT& t) {
  return t.buffer != 0 && t.buffer < m.buffers.size() && !m.buffers[t.buffer]->data.empty();
}
}  // namespace

std::vector<int> find_ops(std::span<const uint8_t> model, const std::vector<tflfb::BuiltinOperator>& codes) {
  auto m = tflfb::UnPackModel(model.data());
  std::vector<int> found;
  const auto& ops = m->subgraphs[0]->operators;
  for (size_t i = 0; i < ops.size(); ++i)
    if (std::find(codes.begin(), codes.end(), builtin_of(*m, *ops[i])) != codes.end())
      found.push_back(static_cast<int>(i));
  return found;
}

namespace {
std::vector<uint8_t> pack(tflfb::ModelT& m) {
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, &m), tflfb::ModelIdentifier());
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}
}  // namespace

std::vector<uint8_t> isolate_ops(std::span<const uint8_t> model, const std::vector<int>& ops) {
  auto m = tflfb::UnPackModel(model.data());
  auto& sg = *m->subgraphs[0];
  std::vector<std::unique_ptr<tflfb::OperatorT>> kept;
  std::vector<int32_t> inputs, outputs;
  for (int index : ops) {
    std::unique_ptr<tflfb::OperatorT> op = std::move(sg.operators[index]);
    for (int32_t& in : op->inputs) {
      if (in < 0 || is_constant(*m, *sg.tensors[in])) continue;
      sg.tensors.push_back(std::make_unique<tflfb::TensorT>(*sg.tensors[in]));
      in = static_cast<int32_t>(sg.tensors.size() - 1);
      inputs.push_back(in);
    }
    outputs.insert(outputs.end(), op->outputs.begin(), op->outputs.end());
    kept.push_back(std::move(op));
  }
  sg.operators = std::move(kept);
  sg.inputs = inputs;
  sg.outputs = outputs;
  m->signature_defs.clear();
  return pack(*m);
}

std::vector<uint8_t> add_outputs(std::span<const uint8_t> model, const std::vector<int>& tensors) {
  auto m = tflfb::UnPackModel(model.data());
  auto& outs = m->subgraphs[0]->outputs;
  for (int t : tensors)
    if (std::find(outs.begin(), outs.end(), t) == outs.end()) outs.push_back(t);
  m->signature_defs.clear();
  return pack(*m);
}

std::vector<uint8_t> set_input_shapes(std::span<const uint8_t> model, const std::vector<std::vector<int64_t>>& shapes) {
  auto m = tflfb::UnPackModel(model.data());
  auto& sg = *m->subgraphs[0];
  for (size_t i = 0; i < shapes.size() && i < sg.inputs.size(); ++i) {
    auto& t = *sg.tensors[sg.inputs[i]];
    t.shape.assign(shapes[i].begin(), shapes[i].end());
    t.shape_signature.clear();
  }
  return pack(*m);
}

std::vector<int> model_outputs(std::span<const uint8_t> model) {
  const auto* outs = tflfb::GetModel(model.data())->subgraphs()->Get(0)->outputs();
  return outs ? std::vector<int>(outs->begin(), outs->end()) : std::vector<int>{};
}

OpTensors op_tensors(std::span<const uint8_t> model, int op) {
  auto m = tflfb::UnPackModel(model.data());
  const auto& sg = *m->subgraphs[0];
  const auto& o = *sg.operators[op];
  OpTensors t;
  t.builtin = builtin_of(*m, o);
  for (int32_t in : o.inputs)
    if (in >= 0 && !is_constant(*m, *sg.tensors[in])) t.inputs.push_back(in);
  t.outputs.assign(o.outputs.begin(), o.outputs.end());
  return t;
}

}  // namespace tfb::test
