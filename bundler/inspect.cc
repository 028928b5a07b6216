#include "bundler/inspect.h"

#include <cinttypes>
#include <cstdio>
#include <filesystem>

#include "app/exit_status.h"
#include "app/info.h"
#include "app/settings.h"
#include "embed/file_util.h"
#include "embed/payload_format.h"
#include "embed/version.h"

namespace tfb::bundler {

namespace fs = std::filesystem;

namespace {

int open_app(const std::string& app, embed::PayloadReader* reader) {
  if (auto e = embed::PayloadReader::open(app, reader); !e.ok())
    return fail(e.code == embed::ErrorCode::kIo ? kExitBadInput : kExitPayload, app + ": " + e.message);
  return kExitOk;
}

}  // namespace

int inspect_app(const std::string& app) {
  embed::PayloadReader r;
  if (int code = open_app(app, &r); code != kExitOk) return code;
  std::printf("app:      %s (%" PRIu64 " bytes)\n", app.c_str(), r.file_size());
  std::printf("payload:  format %u, %" PRIu64 " bytes at file offset %" PRIu64 ", found by %s\n", r.format_version(),
              r.payload_size(), r.payload_offset(),
              r.located() == embed::Located::kSection ? (std::string("its ELF section ") + embed::format::kSectionName).c_str()
                                                      : "the backward trailer scan");
  bool same = r.runtime_version() == embed::kRuntimeVersion && r.target() == embed::kTarget;
  std::printf("runtime:  %s (%s)%s\n", r.runtime_version().c_str(), r.target().c_str(),
              same ? "" : strfmt(", this bundle makes %s (%s)", embed::kRuntimeVersion, embed::kTarget).c_str());
  std::printf("entries:\n  %-24s %-12s %-6s %10s %12s %12s  %s\n", "name", "kind", "codec", "offset", "stored",
              "original", "xxh3-64");
  for (const embed::EntryInfo& e : r.entries())
    std::printf("  %-24s %-12s %-6s %10" PRIu64 " %12" PRIu64 " %12" PRIu64 "  %016" PRIx64 "\n", e.name.c_str(),
                embed::entry_kind_name(e.kind), embed::codec_name(e.codec), e.offset, e.stored_size, e.original_size,
                e.hash);
  // What the model is, as the app sees it.
  const embed::EntryInfo* model = r.find(embed::EntryKind::kModel);
  std::span<const uint8_t> bytes;
  embed::Blob storage;
  std::unique_ptr<Interpreter> interp;
  if (!model) return fail(kExitPayload, app + ": the payload has no model entry");
  if (auto e = r.read(*model, &bytes, &storage); !e.ok()) return fail(kExitPayload, app + ": " + e.message);
  if (Status st = Interpreter::create(bytes, {}, &interp); !st.ok())
    return fail(exit_code_for(st.kind()), app + ": model: " + st.message());
  std::fputs(model_summary(*interp).c_str(), stdout);
  if (const embed::EntryInfo* cfg = r.find(embed::EntryKind::kAppConfig)) {
    std::span<const uint8_t> json;
    embed::Blob json_storage;
    Settings settings;
    if (r.read(*cfg, &json, &json_storage).ok() &&
        Settings::from_json(std::string_view(reinterpret_cast<const char*>(json.data()), json.size()), &settings).ok())
      std::printf("settings:\n%s", settings.explain().c_str());
  }
  return kExitOk;
}

int verify_app(const std::string& app) {
  embed::PayloadReader r;
  if (int code = open_app(app, &r); code != kExitOk) return code;
  if (auto e = r.verify_all(); !e.ok()) return fail(kExitPayload, app + ": " + e.message);
  uint64_t stored = 0;
  for (const embed::EntryInfo& e : r.entries()) stored += e.stored_size;
  std::printf("%s: ok (%zu entr%s, %" PRIu64 " stored bytes, every hash matches)\n", app.c_str(), r.entries().size(),
              r.entries().size() == 1 ? "y" : "ies", stored);
  return kExitOk;
}

int extract_app(const std::string& app, const std::string& dir, bool force) {
  embed::PayloadReader r;
  if (int code = open_app(app, &r); code != kExitOk) return code;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (!fs::is_directory(dir, ec)) return fail(kExitOutputWrite, "cannot create directory '" + dir + "'");
  for (const embed::EntryInfo& e : r.entries()) {
    fs::path out = fs::path(dir) / e.name;  // names are plain file names (checked by the reader)
    if (!force && fs::exists(fs::symlink_status(out, ec)))
      return fail(kExitUsage, "'" + out.string() + "' exists; pass --force to replace it");
    std::span<const uint8_t> bytes;
    embed::Blob storage;
    if (auto err = r.read(e, &bytes, &storage); !err.ok()) return fail(kExitPayload, app + ": " + err.message);
    if (auto err = embed::write_file_atomic(out.string(), bytes, 0666, /*sync=*/false); !err.ok())
      return fail(kExitOutputWrite, err.message);
    std::printf("%s (%zu bytes)\n", out.c_str(), bytes.size());
  }
  return kExitOk;
}

}  // namespace tfb::bundler
