// Turns untrusted .tflite bytes into subgraphs ready to prepare. Nothing is
// trusted: the flatbuffer is verified, then every index, size, shape and
// quantization array is checked before any kernel sees the model.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "interpreter/status.h"
#include "interpreter/subgraph.h"
#include "schema/tflite_generated.h"

namespace tfb {

struct LoadedModel {
  std::span<const uint8_t> file;
  const tflfb::Model* model = nullptr;
  std::vector<std::unique_ptr<Subgraph>> subgraphs;
};

// An op (with version) the model uses but no kernel implements.
struct MissingOp {
  std::string name;  // "SIN", "CUSTOM:MaxUnpooling2D", "CONV_2D v9"
  int count = 0;
};

// Default bound on the memory one interpreter may use for activations,
// scratch and heap tensors (weights stay in the model file and do not
// count). No mobile model comes near it; a hostile one is refused before it
// can make the process allocate absurd amounts.
constexpr size_t kDefaultMaxMemory = size_t{4} << 30;

// Loads `file` into `out`. When `missing` is given, every unsupported op is
// listed there (once, with its count) instead of stopping at the first.
// Variable tensors (allocated here) may take at most `max_memory` bytes.
Status load_model(std::span<const uint8_t> file, LoadedModel* out, std::vector<MissingOp>* missing,
                  size_t max_memory = kDefaultMaxMemory);

// "CONV_2D", "CUSTOM:Name", or "BUILTIN_<code>" for codes we do not know.
std::string op_code_name(const tflfb::OperatorCode* code);
int32_t builtin_code(const tflfb::OperatorCode* code);

// Verifies the flatbuffer structure only (bounds, alignment, nesting).
Status verify_flatbuffer(std::span<const uint8_t> file);

}  // namespace tfb
