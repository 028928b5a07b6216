#include "embed/page_memory.h"

#include <cstdint>

#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23  // Linux 5.14; older kernels refuse it and pages fault in on first touch
#endif

namespace tfb::embed {

namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t page_size() { return static_cast<size_t>(sysconf(_SC_PAGESIZE)); }

size_t round_up(size_t n, size_t to) { return (n + to - 1) / to * to; }

}  // namespace

void* map_zeroed(size_t bytes) {
  const size_t length = round_up(bytes, page_size());
  if (length < bytes) return nullptr;
  if (length < kHugePage) {
    void* p = mmap(nullptr, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    return p == MAP_FAILED ? nullptr : p;
  }
  // Reserve a huge page more, keep the 2 MiB-aligned part.
  const size_t reserve = length + kHugePage;
  if (reserve < length) return nullptr;
  void* raw = mmap(nullptr, reserve, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) return nullptr;
  const uintptr_t begin = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = round_up(begin, kHugePage);
  if (aligned > begin) munmap(raw, aligned - begin);
  const uintptr_t end = aligned + length, reserve_end = begin + reserve;
  if (reserve_end > end) munmap(reinterpret_cast<void*>(end), reserve_end - end);
  void* p = reinterpret_cast<void*>(aligned);
  madvise(p, length, MADV_HUGEPAGE);        // best effort: THP may be off
  madvise(p, length, MADV_POPULATE_WRITE);  // best effort, see above
  return p;
}

void unmap_zeroed(void* p, size_t bytes) {
  if (p) munmap(p, round_up(bytes, page_size()));
}

}  // namespace tfb::embed
