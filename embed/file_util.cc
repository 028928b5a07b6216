#include "embed/file_util.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <utility>

namespace tfb::embed {

namespace {

Error io_error(const std::string& what, const std::string& path, int err) {
  return {ErrorCode::kIo, what + " '" + path + "': " + std::strerror(err)};
}

}  // namespace

MappedFile::~MappedFile() {
  if (map_) munmap(map_, size_);
}

MappedFile::MappedFile(MappedFile&& o) noexcept { *this = std::move(o); }

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
  std::swap(map_, o.map_);
  std::swap(data_, o.data_);
  std::swap(size_, o.size_);
  return *this;
}

Error MappedFile::open(const std::string& path, MappedFile* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error("cannot open", path, errno);
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int err = errno;
    close(fd);
    return io_error("cannot stat", path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    return {ErrorCode::kIo, "'" + path + "' is not a regular file"};
  }
  MappedFile m;
  m.size_ = static_cast<size_t>(st.st_size);
  if (m.size_ > 0) {
    m.map_ = mmap(nullptr, m.size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m.map_ == MAP_FAILED) {
      int err = errno;
      m.map_ = nullptr;
      m.size_ = 0;
      close(fd);
      return io_error("cannot map", path, err);
    }
    m.data_ = static_cast<const uint8_t*>(m.map_);
  }
  close(fd);
  *out = std::move(m);
  return {};
}

Error write_file_atomic(const std::string& path, std::span<const uint8_t> bytes, mode_t mode, bool sync) {
  static std::atomic<unsigned> counter{0};
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = dir + "." + base + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++);

  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return io_error("cannot create", tmp, errno);
  auto fail = [&](const char* what, int err) {
    close(fd);
    unlink(tmp.c_str());
    return io_error(what, path, err);
  };
  for (size_t done = 0; done < bytes.size();) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write", n < 0 ? errno : ENOSPC);
    done += static_cast<size_t>(n);
  }
  if (sync && fsync(fd) != 0) return fail("cannot sync", errno);
  if (close(fd) != 0) {
    int err = errno;
    unlink(tmp.c_str());
    return io_error("cannot write", path, err);
  }
  if (rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    unlink(tmp.c_str());
    return io_error("cannot rename a temporary file to", path, err);
  }
  return {};
}

}  // namespace tfb::embed
