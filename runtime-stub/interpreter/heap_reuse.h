// Startup is dominated by first touches of fresh pages (each a page fault,
// costly on VMs): prepare allocates and frees large weight buffers layer by
// layer. Serving them from the heap, never returned to the kernel until
// exit, lets each layer reuse the pages the previous one touched.
#pragma once

#include <malloc.h>

namespace tfb {

inline void reuse_freed_heap() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's maximum on 64-bit
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace tfb
