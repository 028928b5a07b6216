// An owned, 64-byte aligned byte buffer with a little tail padding, so vector
// kernels may read (never write) a full register past the last element.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "embed/page_memory.h"

namespace tfb {

constexpr size_t kTensorAlignment = 64;
constexpr size_t kTailPadding = 64;

class AlignedBuffer {
 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t size) { resize(size); }
  AlignedBuffer(const AlignedBuffer&) = delete;
  AlignedBuffer& operator=(const AlignedBuffer&) = delete;
  AlignedBuffer(AlignedBuffer&& o) noexcept { swap(o); }
  AlignedBuffer& operator=(AlignedBuffer&& o) noexcept {
    AlignedBuffer tmp(std::move(o));
    swap(tmp);
    return *this;
  }
  ~AlignedBuffer() { release(); }

  // Grows (never shrinks) the capacity; contents are not preserved. New
  // bytes are zeroed so padding and fresh state are deterministic.
  void resize(size_t size) {
    if (size > capacity_) {
      release();
      size_t cap = (size + kTailPadding + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
      if (cap >= embed::kMapThreshold) {  // zeroed and prefaulted (embed/page_memory.h)
        data_ = static_cast<uint8_t*>(embed::map_zeroed(cap));
        if (!data_) throw std::bad_alloc();
        mapped_ = cap;
      } else {
        data_ = static_cast<uint8_t*>(std::aligned_alloc(kTensorAlignment, cap));
        if (!data_) throw std::bad_alloc();
        std::memset(data_, 0, cap);
      }
      capacity_ = size;
    }
    size_ = size;
  }
  void clear() {
    release();
    size_ = capacity_ = 0;
  }

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

 private:
  void release() {
    if (mapped_) {
      embed::unmap_zeroed(data_, mapped_);
    } else {
      std::free(data_);
    }
    data_ = nullptr;
    mapped_ = 0;
  }
  void swap(AlignedBuffer& o) {
    std::swap(data_, o.data_);
    std::swap(mapped_, o.mapped_);
    std::swap(size_, o.size_);
    std::swap(capacity_, o.capacity_);
  }
  uint8_t* data_ = nullptr;
  size_t mapped_ = 0;  // the mapping's length when mmap-ed, else 0
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace tfb
