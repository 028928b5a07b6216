// libFuzzer target: a .tflite model from untrusted bytes is loaded, checked,
// prepared and run once on generated inputs. Memory is capped small and the
// run has a deadline, so the fuzzer explores the checks and kernels rather
// than allocation or long loops.
#include <atomic>
#include <cstring>

#include "app/self_test.h"
#include "app/watchdog.h"
#include "fuzz_entry.h"
#include "interpreter/interpreter.h"

int tfb_fuzz_model(const uint8_t* data, size_t size) {
  // The app maps models page aligned; flatbuffers rely on that alignment.
  tfb::AlignedBuffer model(size);
  if (size) std::memcpy(model.data(), data, size);
  std::atomic<int> cancel{tfb::kNotCancelled};
  tfb::InterpreterOptions options;
  options.max_memory_bytes = size_t{16} << 20;
  options.max_while_iterations = 64;
  options.cancel = &cancel;
  // Constant folding runs kernels too. No grace exit: an op that ignores the
  // deadline shows up as a libFuzzer timeout.
  tfb::Watchdog deadline(&cancel, 1.0, /*grace=*/1e9);
  deadline.arm();
  std::unique_ptr<tfb::Interpreter> interp;
  if (!tfb::Interpreter::create(std::span<const uint8_t>(model.data(), size), options, &interp).ok()) return 0;
  tfb::fill_deterministic_inputs(*interp, 1);
  (void)interp->invoke();
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_model)
