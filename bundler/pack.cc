#include "bundler/pack.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/exit_status.h"
#include "app/cli.h"
#include "app/self_test.h"
#include "app/watchdog.h"
#include "bundler/app_settings.h"
#include "bundler/model_archive.h"
#include "bundler/model_check.h"
#include "bundler/stub_blob.h"
#include "embed/file_util.h"
#include "embed/version.h"

namespace tfb::bundler {

namespace fs = std::filesystem;

namespace {

// The self-test inference may take this long before bundle gives up on it.
constexpr double kSelfTestSeconds = 60;

bool same_file(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;
}

// Why `bundle` refuses to write `out`, or "" when it may.
std::string refuse_output(const PackArgs& args) {
  std::error_code ec;
  fs::path out(args.output);
  if (fs::is_directory(out, ec)) return "output '" + args.output + "' is a directory; give a file path such as " + (out / "app").string();
  if (same_file(out, args.model)) return "output '" + args.output + "' is the input model; refusing to overwrite it";
  for (const std::string& input : {args.labels, args.config})
    if (!input.empty() && same_file(out, input))
      return "output '" + args.output + "' is the input file '" + input + "'; refusing to overwrite it";
  if (same_file(out, "/proc/self/exe")) return "output '" + args.output + "' is this bundle program; refusing to overwrite it";
  if (fs::exists(fs::symlink_status(out, ec))) {
    if (!args.force) return "output '" + args.output + "' exists; pass --force to replace it";
    if (!fs::is_regular_file(out, ec)) return "output '" + args.output + "' is not a regular file; refusing to replace it";
  }
  return "";
}

std::string human_bytes(uint64_t n) {
  if (n < 10 * 1024) return std::to_string(n) + " B";
  if (n < 10 * 1024 * 1024) return strfmt("%.1f KiB", static_cast<double>(n) / 1024);
  return strfmt("%.1f MiB", static_cast<double>(n) / (1024 * 1024));
}

// The model bytes: the file itself, or the model inside an archive (with
// the label file beside it, if any).
int read_model(const PackArgs& args, embed::MappedFile* file, ArchivedModel* archived, std::span<const uint8_t>* model) {
  if (auto e = embed::MappedFile::open(args.model, file); !e.ok())
    return fail(kExitBadInput, "cannot read the model: " + e.message);
  *model = file->bytes();
  if (!looks_like_archive(*model)) {
    if (!args.model_entry.empty()) return fail(kExitUsage, "--model-entry is for archives; " + args.model + " is not one");
    return kExitOk;
  }
  if (Status st = read_model_archive(*model, args.model_entry, archived); !st.ok())
    return fail(kExitBadInput, args.model + ": " + st.message());
  *model = archived->model;
  return kExitOk;
}

}  // namespace

int pack(const PackArgs& args) {
  auto start = std::chrono::steady_clock::now();
  if (std::string why = refuse_output(args); !why.empty()) return fail(kExitUsage, why);

  embed::MappedFile file;
  ArchivedModel archived;
  std::span<const uint8_t> model;
  if (int code = read_model(args, &file, &archived, &model); code != kExitOk) return code;
  const std::string shown = archived.model_name.empty() ? args.model : args.model + ":" + archived.model_name;
  AppOptions stored;
  if (Status st = parse_default_args(args.app_args, &stored); !st.ok()) return fail(kExitUsage, st.message());
  // The model is checked under the limits the app will run with.
  InterpreterOptions run_options;
  run_options.max_memory_bytes = static_cast<size_t>(stored.max_memory_mib) << 20;
  run_options.max_while_iterations = stored.max_iterations;
  std::atomic<int> cancel{kNotCancelled};
  run_options.cancel = &cancel;
  std::unique_ptr<Interpreter> interp;
  if (int code = check_model(model, shown, run_options, &interp); code != kExitOk) return code;
  AppSources sources{args.labels, archived.labels_name, archived.labels, args.config, args.app_args};
  AppPayload app;
  if (Status st = build_app_payload(model, *interp, sources, &app); !st.ok())
    return fail(exit_code_for(st.kind()), st.message());
  // Generated inputs may not suit every model (e.g. an input holding an
  // output shape): then the app simply carries no self-test.
  std::vector<uint8_t> self_test;
  std::string self_test_note = "; self-test stored";
  if (!args.self_test) {
    self_test_note = "";
  } else {
    Watchdog deadline(&cancel, kSelfTestSeconds, /*grace=*/1e9);
    deadline.arm();
    if (Status st = make_self_test(*interp, &self_test); !st.ok()) {
      self_test.clear();
      self_test_note = st.kind() == ErrorKind::kTimeout
                           ? strfmt("; no self-test (one inference takes over %g s)", kSelfTestSeconds)
                           : "; no self-test (the model rejects generated inputs: " + st.message() + ")";
    }
  }

  std::vector<embed::EntrySource> entries = {
      {"model.tflite", embed::EntryKind::kModel, model, args.store ? embed::Codec::kStored : embed::Codec::kZstd}};
  for (const PayloadFile& f : app.files)
    entries.push_back({f.name, static_cast<embed::EntryKind>(f.kind), f.bytes, embed::Codec::kZstd});
  if (!self_test.empty()) entries.push_back({"self-test.bin", embed::EntryKind::kSelfTest, self_test, embed::Codec::kZstd});
  embed::PackOptions options;
  options.zstd_level = args.level;
  options.runtime_version = embed::kRuntimeVersion;
  options.target = embed::kTarget;
  auto e = embed::write_app(embedded_stub(), entries, options, args.output);
  if (!e.ok()) return fail(e.code == embed::ErrorCode::kIo ? kExitOutputWrite : kExitInternal, e.message);

  // Report what was written, read back from the output itself.
  embed::PayloadReader written;
  if (auto err = embed::PayloadReader::open(args.output, &written); !err.ok())
    return fail(kExitOutputWrite, "the written app does not read back: " + err.message);
  const embed::EntryInfo* m = written.find(embed::EntryKind::kModel);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %s: %s (stub %s, model %s %s as %s) in %.2f s\n", args.output.c_str(),
              human_bytes(written.file_size()).c_str(), human_bytes(embedded_stub().size()).c_str(),
              human_bytes(m->original_size).c_str(), m->codec == embed::Codec::kZstd ? "compressed" : "kept",
              human_bytes(m->stored_size).c_str(), seconds);
  const Settings& s = app.settings;
  std::printf("  task: %s; input: %s", s.value_or<std::string>(setting::kTask, "?").c_str(),
              s.value_or<std::string>(setting::kInputKind, "?").c_str());
  if (s.has(setting::kLabels))
    std::printf("; labels: %s (%s)", s.value_or<std::string>(setting::kLabels, "").c_str(),
                source_name(s.source(setting::kLabels)));
  std::printf("%s\n", self_test_note.c_str());
  return kExitOk;
}

}  // namespace tfb::bundler
