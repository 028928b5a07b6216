// Builds .tflite files from code: single-op models for tests, and the demo's
// own trained classifier. Not linked into the runtime stub.
//
//   ModelWriter w;
//   int x = w.add_input("x", DType::kF32, {1, 4});
//   int wt = w.add_constant<float>("w", DType::kF32, {3, 4}, weights);
//   int y = w.add_tensor("y", DType::kF32, {1, 3});
//   tflfb::FullyConnectedOptionsT fc;
//   w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, -1}, {y}, fc);
//   w.add_output(y);
//   std::vector<uint8_t> bytes = w.finish();
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "interpreter/tensor.h"
#include "schema/tflite_generated.h"

namespace tfb {

class ModelWriter {
 public:
  ModelWriter();

  // Adds a tensor without data to the current subgraph; returns its index.
  int add_tensor(const std::string& name, DType type, const Shape& shape, const Quant& quant = {});
  // Adds a tensor whose data is the given bytes.
  int add_constant_bytes(const std::string& name, DType type, const Shape& shape, std::span<const uint8_t> bytes,
                         const Quant& quant = {});
  template <class T>
  int add_constant(const std::string& name, DType type, const Shape& shape, const std::vector<T>& values,
                   const Quant& quant = {}) {
    return add_constant_bytes(name, type, shape,
                              std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(values.data()),
                                                       values.size() * sizeof(T)),
                              quant);
  }
  int add_input(const std::string& name, DType type, const Shape& shape, const Quant& quant = {});
  void add_output(int tensor);
  void set_variable(int tensor);
  // Marks dimensions known only at run time (-1), e.g. a free batch size.
  void set_shape_signature(int tensor, std::vector<int32_t> signature);

  // Adds an op with builtin options of table type T (e.g. tflfb::Conv2DOptionsT).
  template <class T>
  int add_op(tflfb::BuiltinOperator op, std::vector<int> inputs, std::vector<int> outputs, const T& options,
             int version = 1) {
    tflfb::BuiltinOptionsUnion u;
    u.Set(T(options));
    return add_op_union(op, std::move(inputs), std::move(outputs), std::move(u), version);
  }
  int add_op(tflfb::BuiltinOperator op, std::vector<int> inputs, std::vector<int> outputs, int version = 1) {
    return add_op_union(op, std::move(inputs), std::move(outputs), tflfb::BuiltinOptionsUnion(), version);
  }
  int add_custom_op(const std::string& name, std::vector<int> inputs, std::vector<int> outputs,
                    std::vector<uint8_t> custom_options);
  // Sets the intermediate tensors of op `op` (e.g. the integer LSTM's).
  void set_intermediates(int op, std::vector<int> tensors);

  // Starts a new subgraph (for control flow); returns its index. Later
  // add_* calls go to it.
  int add_subgraph(const std::string& name);
  void select_subgraph(int index);

  // Adds a model-level metadata entry (name -> buffer bytes).
  void add_metadata(const std::string& name, std::span<const uint8_t> bytes);
  void set_description(const std::string& text) { model_.description = text; }

  // Serializes the model with the "TFL3" identifier.
  std::vector<uint8_t> finish();

 private:
  int add_op_union(tflfb::BuiltinOperator op, std::vector<int> inputs, std::vector<int> outputs,
                   tflfb::BuiltinOptionsUnion options, int version);
  int opcode_index(int32_t builtin, const std::string& custom, int version);
  int add_buffer(std::span<const uint8_t> bytes);
  tflfb::SubGraphT& current() { return *model_.subgraphs[current_]; }

  tflfb::ModelT model_;
  int current_ = 0;
};

}  // namespace tfb
