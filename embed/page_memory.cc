#include "embed/page_memory.h"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels refuse it and pages fault in on first touch
#endif

namespace tfb::embed {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t kChunk = size_t{8} << 20;  // what SmallBufferPool maps at a time

size_t page_size() { return static_cast<size_t>(sysconf(_SC_PAGESIZE)); }

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

// `length` bytes on an `alignment` boundary (a power of two), asking for huge
// pages; nullptr when the kernel refuses.
void* map_aligned(size_t length, size_t alignment) {
  const size_t reserve = length + alignment;  // map more, keep the aligned part
  if (reserve < length) return nullptr;
  void* raw = mmap(nullptr, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = round_up(begin, alignment);
  if (aligned > begin) munmap(raw, aligned - begin);
  const uintptr_t end = aligned + length, reserve_end = begin + reserve;
  if (reserve_end > end) munmap(reinterpret_cast<void*>(end), reserve_end - end);
  void* p = reinterpret_cast<void*>(aligned);
  madvise(p, length, MADV_HUGEPAGE);  // best effort: THP may be off
  return p;
}

// Buffers under 2 MiB, carved one after another from shared 8 MiB chunks in
// huge pages, so that a start's many packed-weight buffers of 64 KiB..2 MiB
// do not each fault in 4 KiB pages. A piece is never handed out twice: freeing
// it returns its pages to the kernel, and a chunk is unmapped once its last
// piece is freed.
class SmallBufferPool {
 public:
  void* carve(size_t length) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!current_ || used_ + length > kChunk) {
      close_current();
      void* chunk = map_aligned(kChunk, kChunk);
      if (!chunk) return nullptr;
      current_ = static_cast<uint8_t*>(chunk);
      used_ = 0;
      chunks_.push_back({current_, 0});
    }
    uint8_t* p = current_ + used_;
    used_ += length;
    ++chunks_.back().live;
    return p;
  }

  void trim() {
    std::lock_guard<std::mutex> lock(mutex_);
    close_current();
  }

  void release(void* p, size_t length) {
    std::lock_guard<std::mutex> lock(mutex_);
    uint8_t* base = reinterpret_cast<uint8_t*>(reinterpret_cast<uintptr_t>(p) & ~(kChunk - 1));
    for (size_t i = 0; i < chunks_.size(); ++i) {
      if (chunks_[i].base != base) continue;
      if (--chunks_[i].live > 0) {
        madvise(p, length, MADV_DONTNEED);
        return;
      }
      munmap(base, kChunk);
      if (base == current_) current_ = nullptr;
      chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(i));
      return;
    }
  }

 private:
  // The current chunk takes no more pieces; the part of its last huge page
  // past them, faulted in with the last piece, goes back to the kernel.
  void close_current() {
    if (!current_) return;
    const size_t touched = std::min(round_up(used_, kHugePage), kChunk);
    if (touched > used_) madvise(current_ + used_, touched - used_, MADV_DONTNEED);
    current_ = nullptr;
  }

  struct Chunk {
    uint8_t* base;
    size_t live;  // pieces handed out and not yet freed
  };
  std::mutex mutex_;
  std::vector<Chunk> chunks_;
  uint8_t* current_ = nullptr;  // the chunk new pieces come from
  size_t used_ = 0;             // bytes of it handed out
};

// Never destroyed: buffers in static objects may be freed after it would be.
SmallBufferPool& small_buffer_pool() {
  static auto* pool = new SmallBufferPool;
  return *pool;
}

}  // namespace

void* map_zeroed(size_t bytes, bool prefault) {
  const size_t length = round_up(bytes, page_size());
  if (length < bytes) return nullptr;
  void* p = length < kHugePage ? small_buffer_pool().carve(length) : map_aligned(length, kHugePage);
  if (p && prefault) madvise(p, length, MADV_POPULATE_WRITE);  // best effort, see above
  return p;
}

void trim_small_buffers() { small_buffer_pool().trim(); }

void unmap_zeroed(void* p, size_t bytes) {
  if (!p) return;
  const size_t length = round_up(bytes, page_size());
  if (length < kHugePage) {
    small_buffer_pool().release(p, length);
  } else {
    munmap(p, length);
  }
}

}  // namespace tfb::embed
