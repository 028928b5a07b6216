#include "interpreter/interpreter.h"

namespace tfb {

Status Interpreter::create(std::span<const uint8_t> model, const InterpreterOptions& options,
                           std::unique_ptr<Interpreter>* out) {
  std::unique_ptr<Interpreter> interp(new Interpreter());
  interp->options_ = options;
  interp->pool_ = std::make_unique<ThreadPool>(options.threads);
  TFB_RETURN_IF_ERROR(load_model(model, &interp->model_, nullptr));
  TFB_RETURN_IF_ERROR(interp->main().prepare(*interp));
  *out = std::move(interp);
  return OkStatus();
}

Status Interpreter::resize_input(int i, const Shape& shape) {
  Tensor& t = input(i);
  if (t.shape == shape) return OkStatus();
  t.shape = shape;
  t.bytes = t.required_bytes();
  return main().prepare(*this);
}

Status Interpreter::invoke() { return main().invoke(*this); }

void Interpreter::reset_variables() {
  for (auto& sg : model_.subgraphs) sg->reset_variables();
}

Status Interpreter::cancel_status() const {
  int reason = options_.cancel ? options_.cancel->load() : kNotCancelled;
  if (reason == kCancelTimeout) return Error(ErrorKind::kTimeout, "inference stopped: --timeout expired");
  return Error(ErrorKind::kCancelled, "inference stopped by a signal");
}

size_t Interpreter::memory_bytes() const {
  size_t total = 0;
  for (const auto& sg : model_.subgraphs) total += sg->arena_bytes() + sg->heap_bytes();
  return total;
}

}  // namespace tfb
