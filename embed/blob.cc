#include <cstdlib>

#include "embed/page_memory.h"
#include "embed/payload.h"

namespace tfb::embed {

namespace {
constexpr size_t kBlobAlignment = 64;
}  // namespace

// Leaves the blob empty when the allocation fails; callers compare size().
Blob::Blob(size_t size) {
  if (size == 0) return;
  size_t rounded = (size + kBlobAlignment - 1) / kBlobAlignment * kBlobAlignment;
  if (rounded < size) return;
  if (rounded >= kMapThreshold) {
    // A decompressed model, in huge pages. Not prefaulted: it is written
    // front to back while the compressed pages behind are dropped, so the
    // two are not resident at once (zstd_decompress).
    data_ = {static_cast<uint8_t*>(map_zeroed(rounded, /*prefault=*/false)), Free{rounded}};
  } else {
    data_.reset(static_cast<uint8_t*>(std::aligned_alloc(kBlobAlignment, rounded)));
  }
  if (data_) size_ = size;
}

void Blob::Free::operator()(uint8_t* p) const {
  if (mapped) {
    unmap_zeroed(p, mapped);
  } else {
    std::free(p);
  }
}

}  // namespace tfb::embed
