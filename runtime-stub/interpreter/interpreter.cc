#include "interpreter/interpreter.h"

#include "embed/page_memory.h"

namespace tfb {

namespace {
// The last line of defence: an allocation the checks did not foresee fails
// as an error (allocations sized by the model are bounded before they run).
template <class F> Status guarded(F&& fn) {
  try {
    return fn();
  } catch (const std::bad_alloc&) {
    return Error(ErrorKind::kResourceExhausted, "out of memory");
  } catch (const std::length_error&) {
    return Error(ErrorKind::kResourceExhausted, "out of memory (a size is too large)");
  }
}
}  // namespace

Status Interpreter::create(std::span<const uint8_t> model, const InterpreterOptions& options,
                           std::unique_ptr<Interpreter>* out) {
  std::unique_ptr<Interpreter> interp(new Interpreter());
  interp->options_ = options;
  interp->pool_ = std::make_unique<ThreadPool>(options.threads);
  TFB_RETURN_IF_ERROR(guarded([&] { return load_model(model, &interp->model_, nullptr, options.max_memory_bytes); }));
  TFB_RETURN_IF_ERROR(interp->prepare_main());
  *out = std::move(interp);
  return OkStatus();
}

Status Interpreter::prepare_main() {
  TFB_RETURN_IF_ERROR(guarded([&] { return main().prepare(*this); }));
  embed::trim_small_buffers();
  const size_t total = memory_bytes();
  if (total > options_.max_memory_bytes)
    return Error(ErrorKind::kResourceExhausted,
                 "the model needs %zu bytes of activations, scratch and heap tensors, more than the memory limit of %zu",
                 total, options_.max_memory_bytes);
  return OkStatus();
}

Status Interpreter::resize_input(int i, const Shape& shape) {
  Tensor& t = input(i);
  if (t.shape == shape) return OkStatus();
  TFB_RETURN_IF_ERROR(check_shape(t, shape));
  t.shape = shape;
  t.bytes = t.required_bytes();
  return prepare_main();
}

Status Interpreter::invoke() {
  return guarded([&] { return main().invoke(*this); });
}

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
