// Runs a .tflite model: load (verify + check + resolve kernels), prepare,
// then write inputs, invoke, read outputs.
//
//   std::unique_ptr<Interpreter> interp;
//   Status st = Interpreter::create(model_bytes, options, &interp);
//   std::memcpy(interp->input(0).data, ...);
//   st = interp->invoke();
//   const Tensor& out = interp->output(0);
#pragma once

#include <atomic>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "interpreter/model_loader.h"
#include "interpreter/status.h"
#include "interpreter/subgraph.h"
#include "interpreter/tensor.h"
#include "interpreter/thread_pool.h"

namespace tfb {

struct InterpreterOptions {
  int threads = 1;
  // Upper bound on WHILE iterations, so a model cannot loop forever.
  int64_t max_while_iterations = 1000000;
  // When it becomes true the running inference stops with `cancel_reason`.
  const std::atomic<int>* cancel = nullptr;
  // When set (bundle-time checks), prepare records every unsupported
  // dtype/option problem here as "OP: what", once per op, instead of
  // stopping at the first; create() still fails if there is any.
  std::vector<std::string>* unsupported = nullptr;
  // Upper bound on any one tensor or scratch buffer, on each subgraph's
  // arena and on the total of memory_bytes(): kResourceExhausted beyond it.
  size_t max_memory_bytes = kDefaultMaxMemory;
};

class Interpreter {
 public:
  // `model` must stay valid and unchanged while the interpreter lives.
  static Status create(std::span<const uint8_t> model, const InterpreterOptions& options,
                       std::unique_ptr<Interpreter>* out);

  int num_inputs() const { return static_cast<int>(main().inputs.size()); }
  int num_outputs() const { return static_cast<int>(main().outputs.size()); }
  Tensor& input(int i) { return main().tensors[main().inputs[i]]; }
  Tensor& output(int i) { return main().tensors[main().outputs[i]]; }
  const Tensor& input(int i) const { return main().tensors[main().inputs[i]]; }
  const Tensor& output(int i) const { return main().tensors[main().outputs[i]]; }

  // Changes an input's shape and prepares again. Input data must be written
  // after this call (buffers move).
  Status resize_input(int i, const Shape& shape);
  Status invoke();
  void reset_variables();

  Subgraph& main() { return *model_.subgraphs[0]; }
  const Subgraph& main() const { return *model_.subgraphs[0]; }
  Subgraph& subgraph(int i) { return *model_.subgraphs[i]; }
  int num_subgraphs() const { return static_cast<int>(model_.subgraphs.size()); }
  const LoadedModel& model() const { return model_; }
  const InterpreterOptions& options() const { return options_; }
  ThreadPool& pool() { return *pool_; }

  bool cancelled() const { return options_.cancel && options_.cancel->load(std::memory_order_relaxed) != 0; }
  // The status a cancelled run returns: the cancel value picks timeout vs signal.
  Status cancel_status() const;

  // Peak activation memory of the main graph plus heap tensors, in bytes.
  size_t memory_bytes() const;

 private:
  Interpreter() = default;
  // Prepares the main graph and checks the memory it needs.
  Status prepare_main();
  LoadedModel model_;
  InterpreterOptions options_;
  std::unique_ptr<ThreadPool> pool_;
};

// Values of InterpreterOptions::cancel.
enum CancelReason : int { kNotCancelled = 0, kCancelTimeout = 1, kCancelSignal = 2 };

}  // namespace tfb
