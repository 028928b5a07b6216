// Rewrites of real models for per-layer testing: cut single layers out of a
// model (with the model's own weights and quantization) so they can be run
// with our kernels and with the real TFLite side by side.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "schema/tflite_generated.h"

namespace tfb::test {

// Indices of the main subgraph's operators whose builtin code is in `codes`.
std::vector<int> find_ops(std::span<const uint8_t> model, const std::vector<tflfb::BuiltinOperator>& codes);

// A model made of the chosen operators only. Each reads its non-constant
// inputs from fresh model inputs (in operator order) and writes model
// outputs, so layers run independently on whatever inputs they are given.
std::vector<uint8_t> isolate_ops(std::span<const uint8_t> model, const std::vector<int>& ops);

// The same model with `tensors` appended to the main subgraph's outputs
// (each once), so one run also returns those intermediate values.
std::vector<uint8_t> add_outputs(std::span<const uint8_t> model, const std::vector<int>& tensors);

// The same model with its main subgraph's inputs declared with these shapes
// (for tensors whose shape was only known at run time).
std::vector<uint8_t> set_input_shapes(std::span<const uint8_t> model, const std::vector<std::vector<int64_t>>& shapes);

// The main subgraph's output tensor indices, in order.
std::vector<int> model_outputs(std::span<const uint8_t> model);

// The non-constant input tensors and the output tensors of an operator.
struct OpTensors {
  int32_t builtin = 0;
  std::vector<int> inputs, outputs;
};
OpTensors op_tensors(std::span<const uint8_t> model, int op);

}  // namespace tfb::test
