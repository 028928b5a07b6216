#include "embed/file_util.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
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

void MappedFile::release(std::span<const uint8_t> range) const {
  if (!map_ || range.data() < data_ || range.data() + range.size() > data_ + size_) return;
  const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  uintptr_t from = (reinterpret_cast<uintptr_t>(range.data()) + page - 1) / page * page;
  uintptr_t to = (reinterpret_cast<uintptr_t>(range.data()) + range.size()) / page * page;
  if (to > from) madvise(reinterpret_cast<void*>(from), to - from, MADV_DONTNEED);
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

namespace {

// Temporaries alive now, for the signal handler: fixed slots of plain
// chars, so the handler reads them without locks or allocation.
constexpr int kSlots = 8;
constexpr size_t kPathMax = 4096;
char g_pending[kSlots][kPathMax];
std::atomic<bool> g_used[kSlots];

int register_pending(const std::string& tmp) {
  if (tmp.empty() || tmp.size() >= kPathMax) return -1;
  for (int i = 0; i < kSlots; ++i) {
    bool expected = false;
    if (!g_used[i].load() && g_used[i].compare_exchange_strong(expected, true)) {
      // The first byte last: the handler skips a slot whose path is empty.
      std::memcpy(g_pending[i] + 1, tmp.c_str() + 1, tmp.size());
      std::atomic_signal_fence(std::memory_order_seq_cst);
      g_pending[i][0] = tmp[0];
      return i;
    }
  }
  return -1;  // more than kSlots at once: not removed on signals, still removed on errors
}

void unregister_pending(const std::string& tmp) {
  for (int i = 0; i < kSlots; ++i)
    if (g_used[i].load() && tmp == g_pending[i]) {
      g_pending[i][0] = 0;
      g_used[i].store(false);
      return;
    }
}

extern "C" void remove_pending_and_die(int sig) {
  for (int i = 0; i < kSlots; ++i)
    if (g_used[i].load() && g_pending[i][0]) unlink(g_pending[i]);
  signal(sig, SIG_DFL);
  raise(sig);
}

}  // namespace

PendingFile::~PendingFile() { discard(); }

PendingFile::PendingFile(PendingFile&& o) noexcept { *this = std::move(o); }

PendingFile& PendingFile::operator=(PendingFile&& o) noexcept {
  std::swap(path_, o.path_);
  std::swap(tmp_, o.tmp_);
  return *this;
}

void PendingFile::discard() {
  if (tmp_.empty()) return;
  unlink(tmp_.c_str());
  unregister_pending(tmp_);
  tmp_.clear();
}

Error PendingFile::write(const std::string& path, std::span<const uint8_t> bytes, mode_t mode, bool sync,
                         PendingFile* out) {
  return write_parts(path, {&bytes, 1}, mode, sync, out);
}

Error PendingFile::write_parts(const std::string& path, std::span<const std::span<const uint8_t>> parts, mode_t mode,
                               bool sync, PendingFile* out) {
  static std::atomic<unsigned> counter{0};
  size_t slash = path.rfind('/');
  std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  std::string tmp = dir + "." + base + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++);

  PendingFile f;
  f.path_ = path;
  register_pending(tmp);  // before the file exists, so a signal cannot leave it behind
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) {
    int err = errno;
    unregister_pending(tmp);
    return io_error("cannot create", tmp, err);
  }
  f.tmp_ = tmp;  // from here on the destructor removes it
  for (std::span<const uint8_t> bytes : parts) {
    for (size_t done = 0; done < bytes.size();) {
      ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        int err = n < 0 ? errno : ENOSPC;
        close(fd);
        return io_error("cannot write", path, err);
      }
      done += static_cast<size_t>(n);
    }
  }
  if (sync && fsync(fd) != 0) {
    int err = errno;
    close(fd);
    return io_error("cannot sync", path, err);
  }
  if (close(fd) != 0) return io_error("cannot write", path, errno);
  *out = std::move(f);
  return {};
}

Error PendingFile::commit() {
  if (tmp_.empty()) return {ErrorCode::kIo, "nothing to commit for '" + path_ + "'"};
  if (rename(tmp_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    discard();
    return io_error("cannot rename a temporary file to", path_, err);
  }
  unregister_pending(tmp_);
  tmp_.clear();
  return {};
}

Error write_file_atomic(const std::string& path, std::span<const uint8_t> bytes, mode_t mode, bool sync) {
  PendingFile f;
  if (Error e = PendingFile::write(path, bytes, mode, sync, &f); !e.ok()) return e;
  return f.commit();
}

void remove_pending_files_on_signals() {
  struct sigaction sa = {};
  sa.sa_handler = remove_pending_and_die;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &sa, nullptr);
  signal(SIGXFSZ, SIG_IGN);
}

}  // namespace tfb::embed
