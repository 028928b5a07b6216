// The runtime stub: a bundled app reads the model from its own file and runs
// it. Each step lives in its own file; this one only sequences them.
#include <cstdio>
#include <exception>
#include <new>

#include "app/benchmark.h"
#include "app/bundled_model.h"
#include "app/cli.h"
#include "app/exit_status.h"
#include "app/info.h"
#include "app/run_tensors.h"

using namespace tfb;

namespace {

int run(int argc, char** argv) {
  AppOptions opt;
  if (int code = parse_cli(argc, argv, &opt); code >= 0) return code;

  BundledModel bundled;
  if (auto e = open_bundled_payload(argv[0], &bundled); !e.ok()) return fail(kExitPayload, e.message);
  if (opt.verify) {
    if (auto e = bundled.payload.verify_all(); !e.ok()) return fail(kExitPayload, e.message);
    std::printf("payload ok: %zu entries, every hash matches\n", bundled.payload.entries().size());
    return kExitOk;
  }
  if (auto e = load_bundled_model(&bundled); !e.ok()) return fail(kExitPayload, e.message);

  std::unique_ptr<Interpreter> interp;
  InterpreterOptions options;
  options.threads = opt.threads;
  if (Status st = Interpreter::create(bundled.model, options, &interp); !st.ok())
    return fail(exit_code_for(st.kind()), "model: " + st.message());
  if (opt.info) {
    std::fputs((opt.json ? info_json(*interp, bundled.payload) : info_text(*interp, bundled.payload)).c_str(), stdout);
    return kExitOk;
  }

  if (Status st = set_inputs(*interp, opt.inputs); !st.ok()) return fail(exit_code_for(st.kind()), st.message());
  if (Status st = interp->invoke(); !st.ok()) return fail(exit_code_for(st.kind()), "inference: " + st.message());
  if (opt.benchmark_runs > 0)
    if (Status st = run_benchmark(*interp, opt.benchmark_runs); !st.ok())
      return fail(exit_code_for(st.kind()), "inference: " + st.message());
  if (Status st = write_outputs(*interp, opt.output_dir); !st.ok()) return fail(exit_code_for(st.kind()), st.message());
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  set_program_name(argv[0]);
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    return fail(kExitInternal, "out of memory");
  } catch (const std::exception& e) {
    return fail(kExitInternal, std::string("internal error: ") + e.what());
  }
}
