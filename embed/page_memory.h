// Zeroed memory straight from the kernel, for the large buffers a start
// fills at once (the decompressed model, packed weights, the activation
// arena). Faulting in fresh 4 KiB pages one at a time is most of a large
// model's startup on the VMs we measured: 4 MiB cost 10.6 ms that way, 5.9 ms
// prefaulted in one call, 0.3 ms in 2 MiB transparent huge pages. So buffers
// of 2 MiB or more start on a 2 MiB boundary and ask for huge pages, smaller
// ones are carved from shared huge-page chunks, and all are prefaulted unless
// asked not to. Resident memory does not grow: the buffers are written whole.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tfb::embed {

// Page-aligned, zeroed; nullptr when the kernel refuses. prefault = false
// leaves the pages to fault in (huge pages where granted) as they are first
// written: for a buffer filled front to back while its source is dropped.
void* map_zeroed(size_t bytes, bool prefault = true);
// Frees what map_zeroed(bytes) returned.
void unmap_zeroed(void* p, size_t bytes);
// Ends a burst of map_zeroed calls (an interpreter's prepare): returns the
// untouched rest of the last shared huge page, so resident memory grows by
// no more than the buffers; later small buffers start a new chunk.
void trim_small_buffers();

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kUnderAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kUnderAsan = true;
#else
constexpr bool kUnderAsan = false;
#endif
#else
constexpr bool kUnderAsan = false;
#endif

// Buffers from this size on come from map_zeroed; smaller ones from the heap,
// where a page holds several. AddressSanitizer cannot see overflows into
// mmap-ed memory: its builds keep every buffer on the heap.
constexpr size_t kMapThreshold = kUnderAsan ? SIZE_MAX : size_t{64} << 10;

}  // namespace tfb::embed
