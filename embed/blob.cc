#include <cstdlib>

#include "embed/payload.h"

namespace tfb::embed {

namespace {
constexpr size_t kBlobAlignment = 64;
}

// Leaves the blob empty when the allocation fails; callers compare size().
Blob::Blob(size_t size) {
  if (size == 0) return;
  size_t rounded = (size + kBlobAlignment - 1) / kBlobAlignment * kBlobAlignment;
  if (rounded < size) return;
  data_.reset(static_cast<uint8_t*>(std::aligned_alloc(kBlobAlignment, rounded)));
  if (data_) size_ = size;
}

void Blob::Free::operator()(uint8_t* p) const { std::free(p); }

}  // namespace tfb::embed
