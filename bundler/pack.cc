#include "bundler/pack.h"

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "app/exit_status.h"
#include "bundler/model_check.h"
#include "bundler/stub_blob.h"
#include "embed/file_util.h"
#include "embed/version.h"

namespace tfb::bundler {

namespace fs = std::filesystem;

namespace {

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

}  // namespace

int pack(const PackArgs& args) {
  auto start = std::chrono::steady_clock::now();
  if (std::string why = refuse_output(args); !why.empty()) return fail(kExitUsage, why);

  embed::MappedFile model;
  if (auto e = embed::MappedFile::open(args.model, &model); !e.ok())
    return fail(kExitBadInput, "cannot read the model: " + e.message);
  if (int code = check_model(model.bytes(), args.model); code != kExitOk) return code;

  embed::EntrySource entry{"model.tflite", embed::EntryKind::kModel, model.bytes(),
                           args.store ? embed::Codec::kStored : embed::Codec::kZstd};
  embed::PackOptions options;
  options.zstd_level = args.level;
  options.runtime_version = embed::kRuntimeVersion;
  options.target = embed::kTarget;
  auto e = embed::write_app(embedded_stub(), {entry}, options, args.output);
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
  return kExitOk;
}

}  // namespace tfb::bundler
