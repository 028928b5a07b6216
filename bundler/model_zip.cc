#include "bundler/model_zip.h"

#include <archive.h>
#include <archive_entry.h>

#include <cstring>
#include <memory>

namespace tfb {

namespace {
constexpr uint8_t kEndOfCentralDirectory[] = {'P', 'K', 5, 6};
constexpr size_t kEocdSize = 22;
constexpr size_t kMaxComment = 0xFFFF;
constexpr size_t kMaxMemberBytes = size_t{1} << 30;

bool has_zip_trailer(std::span<const uint8_t> bytes) {
  if (bytes.size() < kEocdSize) return false;
  size_t lowest = bytes.size() > kEocdSize + kMaxComment ? bytes.size() - kEocdSize - kMaxComment : 0;
  for (size_t pos = bytes.size() - kEocdSize + 1; pos-- > lowest;)
    if (!std::memcmp(bytes.data() + pos, kEndOfCentralDirectory, 4)) return true;
  return false;
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
}  // namespace

Status read_appended_zip(std::span<const uint8_t> bytes, std::map<std::string, std::vector<uint8_t>>* members) {
  members->clear();
  if (!has_zip_trailer(bytes)) return OkStatus();
  std::unique_ptr<archive, ArchiveFree> a(archive_read_new());
  // The seekable reader starts from the central directory at the end, so the
  // flatbuffer in front of the archive does not matter.
  archive_read_support_format_zip_seekable(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK)
    return Error(ErrorKind::kInvalidModel, "the ZIP appended to the model is unreadable: %s",
                 archive_error_string(a.get()));
  archive_entry* entry;
  int r;
  while ((r = archive_read_next_header(a.get(), &entry)) == ARCHIVE_OK) {
    const char* name = archive_entry_pathname(entry);
    if (!name || archive_entry_filetype(entry) != AE_IFREG) continue;
    std::vector<uint8_t> data;
    uint8_t buf[1 << 14];
    la_ssize_t n;
    while ((n = archive_read_data(a.get(), buf, sizeof(buf))) > 0) {
      if (data.size() + static_cast<size_t>(n) > kMaxMemberBytes)
        return Error(ErrorKind::kInvalidModel, "ZIP member '%s' is larger than 1 GiB", name);
      data.insert(data.end(), buf, buf + n);
    }
    if (n < 0)
      return Error(ErrorKind::kInvalidModel, "ZIP member '%s' is corrupt: %s", name, archive_error_string(a.get()));
    (*members)[name] = std::move(data);
  }
  if (r != ARCHIVE_EOF)
    return Error(ErrorKind::kInvalidModel, "the ZIP appended to the model is corrupt: %s", archive_error_string(a.get()));
  return OkStatus();
}

}  // namespace tfb
