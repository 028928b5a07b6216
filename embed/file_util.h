// Files as the payload code uses them: a read-only mapping of a whole file,
// and writes that replace a file atomically.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <span>
#include <string>

#include "embed/payload.h"

namespace tfb::embed {

class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& o) noexcept;
  MappedFile& operator=(MappedFile&& o) noexcept;

  // Maps a regular file read-only (an empty file gives an empty span).
  static Error open(const std::string& path, MappedFile* out);
  std::span<const uint8_t> bytes() const { return {data_, size_}; }
  // Drops the whole pages of `range` (a part of bytes()) from memory: they
  // are read from the file again if touched. Lowers the resident size once
  // a compressed entry is decompressed.
  void release(std::span<const uint8_t> range) const;

 private:
  void* map_ = nullptr;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// A file written in full under a temporary name beside its destination and
// moved into place by commit(). Until then the destination is untouched;
// destroyed uncommitted, the temporary is removed. So several files can be
// written first and committed together only when all writes succeeded.
class PendingFile {
 public:
  PendingFile() = default;
  ~PendingFile();
  PendingFile(PendingFile&& o) noexcept;
  PendingFile& operator=(PendingFile&& o) noexcept;

  // Writes `bytes` to the temporary (created with `mode`, less the umask),
  // optionally fsyncing it. On failure nothing is left behind.
  static Error write(const std::string& path, std::span<const uint8_t> bytes, mode_t mode, bool sync,
                     PendingFile* out);
  // The same with the file's bytes given as consecutive parts (a header and
  // a tensor's data), so large data is written from where it is.
  static Error write_parts(const std::string& path, std::span<const std::span<const uint8_t>> parts, mode_t mode,
                           bool sync, PendingFile* out);
  // Renames the temporary over the destination.
  Error commit();

 private:
  void discard();
  std::string path_, tmp_;
};

// PendingFile::write then commit: `path` is replaced whole or not at all.
Error write_file_atomic(const std::string& path, std::span<const uint8_t> bytes, mode_t mode, bool sync);

// For programs killed by signals (`bundle`): on SIGINT, SIGTERM or SIGHUP,
// remove any PendingFile temporary before dying of the signal. SIGXFSZ is
// ignored, so a file size limit (ulimit -f) fails a write instead of
// killing the process.
void remove_pending_files_on_signals();

}  // namespace tfb::embed
