// The kernel's view of the interpreter: its node's tensors, shape setting,
// scratch memory, threads and (for control flow) other subgraphs.
#pragma once

#include <span>

#include "interpreter/kernel.h"
#include "interpreter/status.h"
#include "interpreter/tensor.h"

namespace tfb {

class Interpreter;
class Subgraph;
class ThreadPool;

class Context {
 public:
  Context(Interpreter& interp, Subgraph& sg, bool executing)
      : interp_(interp), sg_(sg), executing_(executing) {}

  // --- tensors of a node
  int num_inputs(const Node& n) const { return static_cast<int>(n.inputs.size()); }
  int num_outputs(const Node& n) const { return static_cast<int>(n.outputs.size()); }
  // True when input i exists and is not the "left out" marker -1.
  bool has_input(const Node& n, int i) const {
    return i < num_inputs(n) && n.inputs[i] >= 0;
  }
  Tensor& input(const Node& n, int i);
  Tensor* optional_input(const Node& n, int i) { return has_input(n, i) ? &input(n, i) : nullptr; }
  Tensor& output(const Node& n, int i);
  Tensor& tensor(int index);

  // True when the tensor's values can be read now: constants always, every
  // tensor while the graph is executing.
  bool has_values(const Tensor& t) const { return executing_ || t.is_constant(); }
  // Returned by a prepare that needs values which do not exist yet.
  Status defer() const;

  // --- prepare
  // Sets an output's shape (and, while executing, gives it heap storage).
  Status set_shape(Tensor& t, const Shape& s);
  // Asks for a scratch buffer of `bytes` valid during this node's eval;
  // returns its slot for scratch().
  int add_scratch(Node& n, size_t bytes);

  // --- eval
  uint8_t* scratch(const Node& n, int slot);
  ThreadPool& pool();
  // Set when the run must stop (timeout, signal). Long kernels poll it.
  bool cancelled() const;
  Interpreter& interpreter() { return interp_; }
  Subgraph& subgraph() { return sg_; }
  bool executing() const { return executing_; }

 private:
  Interpreter& interp_;
  Subgraph& sg_;
  bool executing_;
};

// Convenience for prepare: fails unless the node has these arities.
Status check_arity(const Context& ctx, const Node& n, int min_inputs, int max_inputs, int outputs);

}  // namespace tfb
