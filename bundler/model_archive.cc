#include "bundler/model_archive.h"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <memory>

namespace tfb {

namespace {

constexpr size_t kMaxMember = size_t{2} << 30;

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool looks_like_archive(std::span<const uint8_t> b) {
  auto starts = [&](const char* magic, size_t n, size_t at = 0) {
    return b.size() >= at + n && std::memcmp(b.data() + at, magic, n) == 0;
  };
  return starts("PK\x03\x04", 4) || starts("\x1f\x8b", 2) || starts("\x28\xb5\x2f\xfd", 4) ||
         starts("ustar", 5, 257) || starts("\xfd" "7zXZ", 5) || starts("BZh", 3);
}

Status read_model_archive(std::span<const uint8_t> bytes, const std::string& entry, ArchivedModel* out) {
  std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_filter_xz(a.get());
  archive_read_support_filter_bzip2(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return Error(ErrorKind::kBadInput, "not a readable archive: %s", archive_error_string(a.get()));
  std::map<std::string, std::vector<uint8_t>> members;
  archive_entry* e;
  int r;
  while ((r = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
    const char* name = archive_entry_pathname(e);
    if (!name || archive_entry_filetype(e) != AE_IFREG) continue;
    const std::string n(name);
    const std::string base = lower(n.substr(n.rfind('/') == std::string::npos ? 0 : n.rfind('/') + 1));
    if (!ends_with(lower(n), ".tflite") && !(ends_with(base, ".txt") && base.find("label") != std::string::npos)) continue;
    std::vector<uint8_t> data;
    uint8_t buf[1 << 16];
    la_ssize_t k;
    while ((k = archive_read_data(a.get(), buf, sizeof(buf))) > 0) {
      if (data.size() + static_cast<size_t>(k) > kMaxMember) return Error(ErrorKind::kBadInput, "archive member %s is larger than 2 GiB", name);
      data.insert(data.end(), buf, buf + k);
    }
    if (k < 0) return Error(ErrorKind::kBadInput, "archive member %s is corrupt: %s", name, archive_error_string(a.get()));
    members[n] = std::move(data);
  }
  if (r != ARCHIVE_EOF) return Error(ErrorKind::kBadInput, "corrupt archive: %s", archive_error_string(a.get()));

  std::vector<std::string> models, labels;
  for (const auto& [name, data] : members) (ends_with(lower(name), ".tflite") ? models : labels).push_back(name);
  auto list = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  if (!entry.empty()) {
    if (!members.count(entry) || !ends_with(lower(entry), ".tflite"))
      return Error(ErrorKind::kBadInput, "the archive has no model '%s'; it has: %s", entry.c_str(), list(models).c_str());
    out->model_name = entry;
  } else if (models.size() == 1) {
    out->model_name = models[0];
  } else if (models.empty()) {
    return Error(ErrorKind::kBadInput, "the archive holds no .tflite file");
  } else {
    return Error(ErrorKind::kBadInput, "the archive holds %zu models (%s); pick one with --model-entry", models.size(),
                 list(models).c_str());
  }
  out->model = std::move(members[out->model_name]);
  if (labels.size() == 1) {
    out->labels_name = labels[0];
    out->labels = std::move(members[labels[0]]);
  }
  return OkStatus();
}

}  // namespace tfb
