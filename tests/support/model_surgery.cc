#include "support/model_surgery.h"

#include <set>

#include "schema/tflite_generated.h"

namespace tfb::test {

std::vector<uint8_t> keep_ops(std::span<const uint8_t> model, const std::vector<int>& ops,
                              const std::vector<int>& outputs) {
  std::unique_ptr<tflfb::ModelT> m(tflfb::GetModel(model.data())->UnPack());
  tflfb::SubGraphT& sg = *m->subgraphs[0];
  std::vector<std::unique_ptr<tflfb::OperatorT>> kept;
  std::set<int> written;
  std::vector<int> inputs;
  for (int i : ops) {
    auto& op = sg.operators[i];
    for (int t : op->inputs) {
      if (t < 0 || written.count(t)) continue;
      const auto& tensor = *sg.tensors[t];
      const bool constant = tensor.buffer != 0 && !m->buffers[tensor.buffer]->data.empty();
      if (!constant && !tensor.is_variable && std::find(inputs.begin(), inputs.end(), t) == inputs.end())
        inputs.push_back(t);
    }
    for (int t : op->outputs) written.insert(t);
    kept.push_back(std::move(op));
  }
  sg.operators = std::move(kept);
  sg.inputs = inputs;
  sg.outputs = outputs;
  m->signature_defs.clear();
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, m.get()), tflfb::ModelIdentifier());
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace tfb::test
