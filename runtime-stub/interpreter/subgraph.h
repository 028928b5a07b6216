// One graph of the model: its tensors, its nodes in execution order, and the
// activation arena they share.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "interpreter/aligned_buffer.h"
#include "interpreter/kernel.h"
#include "interpreter/status.h"
#include "interpreter/tensor.h"

namespace tfb {

class Interpreter;

// Fails unless `s` is a shape `t` may take: no negative dimension, and not
// so large that byte counts could overflow.
Status check_shape(const Tensor& t, const Shape& s);

class Subgraph {
 public:
  int index = 0;
  std::string_view name;
  std::vector<Tensor> tensors;
  std::vector<Node> nodes;
  std::vector<int> inputs;
  std::vector<int> outputs;

  // Runs every prepare (setting shapes, folding constant subexpressions),
  // then plans and allocates the arena. Needed again after an input resize.
  Status prepare(Interpreter& interp);
  // Runs all nodes. Inputs must have been written.
  Status invoke(Interpreter& interp);
  // Gives the inputs these shapes and prepares again when any changed (or
  // when never prepared): how control flow ops run a subgraph on their
  // operands. Input data must be written after this call.
  Status prepare_for_inputs(Interpreter& interp, std::span<const Shape> shapes);
  // Resets every variable tensor (recurrent state) to zero.
  void reset_variables();

  bool prepared() const { return prepared_; }
  size_t arena_bytes() const { return arena_.size(); }
  // Heap bytes held by dynamic tensors, folded constants and variables.
  size_t heap_bytes() const;

  // Used by Context.
  int add_scratch(Node& n, size_t bytes, bool executing);
  uint8_t* scratch(const Node& n, int slot);
  Status set_shape(Tensor& t, const Shape& s, bool executing);

 private:
  Status prepare_node(Interpreter& interp, Node& n, bool executing);
  Status fold_node(Interpreter& interp, Node& n);
  Status plan_memory();
  // For each tensor, the tensor whose arena buffer it uses (itself, or the
  // input of the RESHAPE-like op that produced it); widens `first`/`last` of
  // the owners to cover their sharers.
  std::vector<int> buffer_owners(std::vector<int>& first, std::vector<int>& last) const;
  // Refuses a buffer over the memory limit, naming what it is for.
  Status check_bytes(size_t bytes, const char* what, std::string_view name) const;

  struct Scratch {
    size_t bytes;
    int node;
    uint8_t* data = nullptr;
    AlignedBuffer heap;  // used when the node is prepared at eval time
  };
  std::vector<Scratch> scratch_;
  size_t scratch_cursor_ = 0;  // scratch requests made by the node being prepared
  Status scratch_error_;       // a refused add_scratch, reported after the kernel's prepare
  size_t memory_limit_ = SIZE_MAX;  // InterpreterOptions::max_memory_bytes
  AlignedBuffer arena_;
  bool prepared_ = false;
  // Set while this subgraph prepares or runs, so a model whose control flow
  // calls a subgraph from inside itself fails instead of recursing forever.
  bool in_use_ = false;
  Status enter();
};

}  // namespace tfb
