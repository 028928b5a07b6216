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

 private:
  void* map_ = nullptr;
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

// Writes `bytes` to a temporary file beside `path` (created with `mode`,
// less the umask), optionally fsyncs it, then renames it over `path`. On
// failure nothing is left behind.
Error write_file_atomic(const std::string& path, std::span<const uint8_t> bytes, mode_t mode, bool sync);

}  // namespace tfb::embed
