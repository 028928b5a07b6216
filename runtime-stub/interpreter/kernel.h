// What a kernel is and what it may use. A kernel is a KernelDef (one line in
// kernels/op_list.inc) with two functions:
//   prepare: checks dtypes, shapes and options, sets output shapes, computes
//            everything eval needs (quantized multipliers, padding, packed
//            weights) into node.state, requests scratch. Runs once per shape
//            change, never per inference.
//   eval:    only computes. No allocation, no validation of the model.
// A prepare that needs the *values* of an input that is not constant yet
// returns ctx.defer(): the interpreter then runs prepare again right before
// eval, once the values exist, and keeps the outputs on the heap.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "interpreter/status.h"
#include "interpreter/tensor.h"
#include "schema/tflite_generated.h"

namespace tfb {

class Context;
class ThreadPool;
struct Node;

// Per-node data computed by prepare and read by eval.
struct KernelState {
  virtual ~KernelState() = default;
};

enum KernelFlags : uint32_t {
  kPure = 1u << 0,       // output depends only on inputs: may be folded when they are constant
  kShapeOnly = 1u << 1,  // output depends only on input shapes (SHAPE)
  kSameBytes = 1u << 2,  // output 0 is input 0's bytes unchanged (RESHAPE): it may share the input's buffer
};

struct KernelDef {
  int32_t builtin;          // tflfb::BuiltinOperator, CUSTOM for custom ops
  const char* custom_name;  // custom op name, or nullptr
  const char* name;         // as printed: "CONV_2D", "TFLite_Detection_PostProcess"
  int max_version;          // newest op version whose semantics we implement
  uint32_t flags;
  const char* variants;     // dtype signatures run, for docs and --list-ops: "f32 i8 u8 f32/wi8"
  Status (*prepare)(Context& ctx, Node& node);
  Status (*eval)(Context& ctx, Node& node);
};

struct Node {
  int index = 0;  // position in the subgraph's operator list
  const KernelDef* kernel = nullptr;
  int version = 1;
  std::vector<int> inputs;   // tensor indices; -1 = optional input left out
  std::vector<int> outputs;
  std::vector<int> intermediates;
  const tflfb::Operator* op = nullptr;
  std::span<const uint8_t> custom_options;
  std::unique_ptr<KernelState> state;
  std::vector<int> scratch;  // scratch buffer ids, in the order requested
  bool deferred = false;     // prepare runs at eval time (dynamic shapes)
  bool folded = false;       // evaluated once at prepare; skipped at invoke

  // Builtin options table of type T, or nullptr when absent or of another type.
  template <class T> const T* options() const {
    if (!op || op->builtin_options_type() != tflfb::BuiltinOptionsTraits<T>::enum_value) return nullptr;
    return static_cast<const T*>(op->builtin_options());
  }
  template <class T> T& state_as() const { return static_cast<T&>(*state); }
};

}  // namespace tfb
