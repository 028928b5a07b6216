// The runtime stub: a bundled app reads the model from its own file and runs
// it. Each step lives in its own file; this one only sequences them.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <thread>

#include "app/benchmark.h"
#include "app/bundled_model.h"
#include "app/cli.h"
#include "app/exit_status.h"
#include "app/info.h"
#include "app/inputs.h"
#include "app/resolve.h"
#include "app/run_batch.h"
#include "app/run_tensors.h"
#include "app/self_test.h"
#include "app/watchdog.h"
#include "dispatch/cpu_features.h"
#include "interpreter/heap_reuse.h"

using namespace tfb;

namespace {

const auto g_start = std::chrono::steady_clock::now();

std::string entry_text(const BundledModel& b, const embed::EntryInfo* e, embed::Error* err) {
  if (!e) return {};
  std::span<const uint8_t> bytes;
  embed::Blob storage;
  *err = b.payload.read(*e, &bytes, &storage);
  return err->ok() ? std::string(bytes.begin(), bytes.end()) : std::string();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    out.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

bool asks_for_help(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (!std::strcmp(argv[i], "--help") || !std::strcmp(argv[i], "-h") || !std::strcmp(argv[i], "--version")) return true;
  return false;
}

int run(int argc, char** argv) {
  std::atomic<int> cancel{kNotCancelled};
  stop_on_signals(&cancel);

  BundledModel bundled;
  if (auto e = open_bundled_payload(argv[0], &bundled); !e.ok()) {
    AppOptions opt;  // --help and --version still work without a payload
    if (asks_for_help(argc, argv)) return std::max(parse_cli({}, argc, argv, &opt), 0);
    return fail(kExitPayload, e.message);
  }
  embed::Error err;
  std::vector<std::string> defaults = lines(entry_text(bundled, bundled.payload.find(embed::EntryKind::kDefaultArgs), &err));
  if (!err.ok()) return fail(kExitPayload, err.message);

  AppOptions opt;
  if (int code = parse_cli(defaults, argc, argv, &opt); code >= 0) return code;
  if (opt.verify) {
    if (auto e = bundled.payload.verify_all(); !e.ok()) return fail(kExitPayload, e.message);
    std::printf("payload ok: %zu entries, every hash matches\n", bundled.payload.entries().size());
    return kExitOk;
  }
  IsaLevel isa;
  if (!opt.isa.empty() && parse_isa(opt.isa, &isa)) set_isa(isa);
  if (auto e = load_bundled_model(&bundled); !e.ok()) return fail(kExitPayload, e.message);

  std::unique_ptr<Interpreter> interp;
  InterpreterOptions options;
  options.threads = opt.threads > 0 ? opt.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.max_while_iterations = opt.max_iterations;
  options.max_memory_bytes = static_cast<size_t>(opt.max_memory_mib) << 20;
  options.cancel = &cancel;
  if (Status st = Interpreter::create(bundled.model, options, &interp); !st.ok())
    return fail(exit_code_for(st.kind()), "model: " + st.message());

  // Settings: resolved at bundle time, completed from the model if the
  // payload has none, then this run's flags on top.
  Settings settings;
  std::string json = entry_text(bundled, bundled.payload.find(embed::EntryKind::kAppConfig), &err);
  if (!err.ok()) return fail(kExitPayload, err.message);
  if (!json.empty())
    if (Status st = Settings::from_json(json, &settings); !st.ok()) return fail(kExitPayload, st.message());
  settings.merge(opt.settings);
  const std::string vocab_name = settings.value_or<std::string>(setting::kTextVocab, "");
  std::string vocab = vocab_name.empty() ? "" : entry_text(bundled, bundled.payload.find(vocab_name), &err);
  if (!err.ok()) return fail(kExitPayload, err.message);
  resolve_settings(*interp, !vocab.empty(), &settings);

  std::string labels_text;
  if (!opt.labels_file.empty()) {
    std::vector<uint8_t> bytes;
    if (Status st = read_input_file(opt.labels_file, &bytes); !st.ok()) return fail(kExitBadInput, st.message());
    labels_text.assign(bytes.begin(), bytes.end());
    settings.set(setting::kLabels, opt.labels_file, Source::kFlag);
  } else if (std::string name = settings.value_or<std::string>(setting::kLabels, ""); !name.empty()) {
    labels_text = entry_text(bundled, bundled.payload.find(name), &err);
    if (!err.ok()) return fail(kExitPayload, err.message);
  }
  Labels labels(labels_text, settings.value_or<int>(setting::kLabelOffset, 0));

  if (opt.info) {
    std::fputs((opt.json ? info_json(*interp, bundled.payload) : info_text(*interp, bundled.payload)).c_str(), stdout);
    return kExitOk;
  }
  if (opt.explain) {
    std::fputs(settings.explain().c_str(), stdout);
    return kExitOk;
  }
  if (opt.self_test) {
    std::string entry = entry_text(bundled, bundled.payload.find(embed::EntryKind::kSelfTest), &err);
    if (!err.ok()) return fail(kExitPayload, err.message);
    if (entry.empty()) return fail(kExitPayload, "this app was bundled without a self-test (bundle --no-self-test)");
    SelfTestReport report;
    Status st = run_self_test(*interp, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(entry.data()), entry.size()), &report);
    if (!st.ok()) return fail(exit_code_for(st.kind()), "self-test: " + st.message());
    std::fputs(report.summary.c_str(), stdout);
    std::printf("self-test %s on this CPU (%s, %d threads)\n", report.passed ? "passed" : "FAILED",
                isa_name(isa_level()), interp->pool().size());
    return report.passed ? kExitOk : fail(kExitSelfTest, "this machine computes a different answer than at bundle time");
  }

  std::vector<RunInput> runs;
  if (Status st = collect_runs(opt, &runs); !st.ok()) return fail(exit_code_for(st.kind()), st.message());
  if (opt.benchmark) {
    if (runs.size() > 1) return fail(kExitUsage, "--benchmark takes at most one input");
    InputFacts facts;
    InputFiller filler(settings, vocab, opt.raw);
    if (runs.empty()) fill_deterministic_inputs(*interp);
    else if (Status st = filler.fill(*interp, runs[0], &facts); !st.ok()) return fail(exit_code_for(st.kind()), st.message());
    BenchmarkOptions b;
    b.runs = opt.runs;
    b.warmup = opt.warmup;
    b.init_us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - g_start).count();
    Watchdog watchdog(&cancel, 0);  // no time limit; a signal still ends the run promptly
    watchdog.arm();
    if (Status st = run_benchmark(*interp, b); !st.ok()) return fail(exit_code_for(st.kind()), "inference: " + st.message());
    return kExitOk;
  }
  BatchContext ctx{*interp, opt, settings, labels, vocab, cancel};
  return run_batch(ctx, runs);
}

}  // namespace

int main(int argc, char** argv) {
  reuse_freed_heap();
  set_program_name(argv[0]);
  try {
    return run(argc, argv);
  } catch (const std::bad_alloc&) {
    return fail(kExitResource, "out of memory");
  } catch (const std::exception& e) {
    return fail(kExitInternal, std::string("internal error: ") + e.what());
  }
}
