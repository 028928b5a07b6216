#include "schema/model_writer.h"

namespace tfb {

ModelWriter::ModelWriter() {
  model_.version = 3;
  model_.buffers.push_back(std::make_unique<tflfb::BufferT>());  // the empty sentinel
  model_.subgraphs.push_back(std::make_unique<tflfb::SubGraphT>());
  model_.subgraphs[0]->name = "main";
}

int ModelWriter::add_buffer(std::span<const uint8_t> bytes) {
  auto b = std::make_unique<tflfb::BufferT>();
  b->data.assign(bytes.begin(), bytes.end());
  model_.buffers.push_back(std::move(b));
  return static_cast<int>(model_.buffers.size() - 1);
}

int ModelWriter::add_tensor(const std::string& name, DType type, const Shape& shape, const Quant& quant) {
  auto t = std::make_unique<tflfb::TensorT>();
  t->name = name;
  t->type = static_cast<tflfb::TensorType>(type);
  t->shape.assign(shape.dim, shape.dim + shape.rank);
  t->has_rank = true;
  if (!quant.empty()) {
    t->quantization = std::make_unique<tflfb::QuantizationParametersT>();
    t->quantization->scale = quant.scale;
    t->quantization->zero_point = quant.zero_point;
    t->quantization->quantized_dimension = quant.axis;
  }
  current().tensors.push_back(std::move(t));
  return static_cast<int>(current().tensors.size() - 1);
}

int ModelWriter::add_constant_bytes(const std::string& name, DType type, const Shape& shape,
                                    std::span<const uint8_t> bytes, const Quant& quant) {
  int t = add_tensor(name, type, shape, quant);
  current().tensors[t]->buffer = static_cast<uint32_t>(add_buffer(bytes));
  return t;
}

int ModelWriter::add_input(const std::string& name, DType type, const Shape& shape, const Quant& quant) {
  int t = add_tensor(name, type, shape, quant);
  current().inputs.push_back(t);
  return t;
}

void ModelWriter::add_output(int tensor) { current().outputs.push_back(tensor); }
void ModelWriter::set_variable(int tensor) { current().tensors[tensor]->is_variable = true; }

void ModelWriter::set_shape_signature(int tensor, std::vector<int32_t> signature) {
  current().tensors[tensor]->shape_signature = std::move(signature);
}

int ModelWriter::opcode_index(int32_t builtin, const std::string& custom, int version) {
  for (size_t i = 0; i < model_.operator_codes.size(); ++i) {
    const auto& c = *model_.operator_codes[i];
    if (c.builtin_code == builtin && c.custom_code == custom && c.version == version) return static_cast<int>(i);
  }
  auto c = std::make_unique<tflfb::OperatorCodeT>();
  c->builtin_code = static_cast<tflfb::BuiltinOperator>(builtin);
  // Old readers look only at the byte field, which holds codes below 127.
  c->deprecated_builtin_code = static_cast<int8_t>(builtin < 127 ? builtin : 127);
  c->custom_code = custom;
  c->version = version;
  model_.operator_codes.push_back(std::move(c));
  return static_cast<int>(model_.operator_codes.size() - 1);
}

int ModelWriter::add_op_union(tflfb::BuiltinOperator op, std::vector<int> inputs, std::vector<int> outputs,
                              tflfb::BuiltinOptionsUnion options, int version) {
  auto o = std::make_unique<tflfb::OperatorT>();
  o->opcode_index = static_cast<uint32_t>(opcode_index(op, "", version));
  o->inputs = std::move(inputs);
  o->outputs = std::move(outputs);
  o->builtin_options = std::move(options);
  current().operators.push_back(std::move(o));
  return static_cast<int>(current().operators.size() - 1);
}

int ModelWriter::add_custom_op(const std::string& name, std::vector<int> inputs, std::vector<int> outputs,
                               std::vector<uint8_t> custom_options) {
  auto o = std::make_unique<tflfb::OperatorT>();
  o->opcode_index = static_cast<uint32_t>(opcode_index(tflfb::BuiltinOperator_CUSTOM, name, 1));
  o->inputs = std::move(inputs);
  o->outputs = std::move(outputs);
  o->custom_options = std::move(custom_options);
  current().operators.push_back(std::move(o));
  return static_cast<int>(current().operators.size() - 1);
}

void ModelWriter::set_intermediates(int op, std::vector<int> tensors) {
  current().operators[op]->intermediates = std::move(tensors);
}

int ModelWriter::add_subgraph(const std::string& name) {
  model_.subgraphs.push_back(std::make_unique<tflfb::SubGraphT>());
  model_.subgraphs.back()->name = name;
  current_ = static_cast<int>(model_.subgraphs.size() - 1);
  return current_;
}

void ModelWriter::select_subgraph(int index) { current_ = index; }

void ModelWriter::add_metadata(const std::string& name, std::span<const uint8_t> bytes) {
  auto m = std::make_unique<tflfb::MetadataT>();
  m->name = name;
  m->buffer = static_cast<uint32_t>(add_buffer(bytes));
  model_.metadata.push_back(std::move(m));
}

std::vector<uint8_t> ModelWriter::finish() {
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, &model_), tflfb::ModelIdentifier());
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace tfb
