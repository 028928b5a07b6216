#include "kernels/index_copy.h"

#include <cstring>

namespace tfb {

void IndexCopy::add_strided(int64_t size, int64_t start, int64_t step) {
  Dim d;
  d.size = size;
  d.start = start;
  d.step = step;
  dims_.push_back(std::move(d));
}

void IndexCopy::add_table(std::vector<int64_t> offsets) {
  const int64_t n = static_cast<int64_t>(offsets.size());
  bool arithmetic = n == 0 || offsets[0] != kFill;
  const int64_t step = n > 1 ? offsets[1] - offsets[0] : 0;
  for (int64_t o = 1; arithmetic && o < n; ++o) arithmetic = offsets[o] != kFill && offsets[o] - offsets[o - 1] == step;
  if (arithmetic) return add_strided(n, n ? offsets[0] : 0, step);
  Dim d;
  d.size = n;
  d.table = std::move(offsets);
  dims_.push_back(std::move(d));
}

void IndexCopy::finish(size_t elem_bytes) {
  elem_ = elem_bytes;
  for (const Dim& d : dims_)
    if (d.size == 0) empty_ = true;
  // A single-index dimension without fill only moves the origin.
  std::vector<Dim> kept;
  for (Dim& d : dims_) {
    if (d.size == 1 && (d.table.empty() || d.table[0] != kFill))
      base_ += d.at(0);
    else
      kept.push_back(std::move(d));
  }
  dims_ = std::move(kept);
  // Trailing dimensions that read the input contiguously become one block.
  while (!dims_.empty() && dims_.back().table.empty() && dims_.back().step == block_) {
    base_ += dims_.back().start;
    block_ *= dims_.back().size;
    dims_.pop_back();
  }
  if (!dims_.empty() && !dims_.back().table.empty()) {
    const std::vector<int64_t>& t = dims_.back().table;
    for (size_t o = 0; o < t.size(); ++o) {
      const bool extends =
          !runs_.empty() &&
          (runs_.back().offset == kFill ? t[o] == kFill
                                        : t[o] != kFill && t[o] == runs_.back().offset + runs_.back().length * block_);
      if (extends)
        ++runs_.back().length;
      else
        runs_.push_back({1, t[o]});
    }
  }
  sub_count_.assign(dims_.size(), block_);
  for (int d = static_cast<int>(dims_.size()) - 2; d >= 0; --d) sub_count_[d] = sub_count_[d + 1] * dims_[d + 1].size;
}

int64_t IndexCopy::output_count() const {
  if (empty_) return 0;
  return dims_.empty() ? block_ : sub_count_[0] * dims_[0].size;
}

void IndexCopy::fill_elems(uint8_t* out, int64_t count, const uint8_t* fill) const {
  if (count <= 0) return;
  bool uniform = true;
  for (size_t b = 1; b < elem_; ++b) uniform = uniform && fill[b] == fill[0];
  if (uniform) {
    std::memset(out, fill[0], static_cast<size_t>(count) * elem_);
    return;
  }
  std::memcpy(out, fill, elem_);
  // Doubling copies: each memcpy duplicates everything written so far.
  size_t done = elem_, total = static_cast<size_t>(count) * elem_;
  while (done < total) {
    size_t n = std::min(done, total - done);
    std::memcpy(out + done, out, n);
    done += n;
  }
}

namespace {
// An innermost strided dimension with single-element blocks, for elements
// of sizeof(T) bytes (T only carries the size).
template <class T>
void strided_row(const uint8_t* in, int64_t n, int64_t step, uint8_t* out) {
  T* o = reinterpret_cast<T*>(out);
  const T* src = reinterpret_cast<const T*>(in);
  for (int64_t k = 0; k < n; ++k) std::memcpy(o + k, src + k * step, sizeof(T));
}

template <size_t N>
struct Bytes {
  uint8_t b[N];
};
}  // namespace

void IndexCopy::run_dim(int d, int64_t in_off, const uint8_t* in, uint8_t*& out, const uint8_t* fill) const {
  if (d == static_cast<int>(dims_.size())) {
    const size_t bytes = static_cast<size_t>(block_) * elem_;
    std::memcpy(out, in + in_off * static_cast<int64_t>(elem_), bytes);
    out += bytes;
    return;
  }
  const Dim& D = dims_[d];
  const int64_t elem = static_cast<int64_t>(elem_);
  if (d + 1 == static_cast<int>(dims_.size()) && !runs_.empty()) {
    for (const Run& r : runs_) {
      const int64_t count = r.length * block_;
      if (r.offset == kFill)
        fill_elems(out, count, fill);
      else
        std::memcpy(out, in + (in_off + r.offset) * elem, static_cast<size_t>(count * elem));
      out += count * elem;
    }
    return;
  }
  if (d + 1 == static_cast<int>(dims_.size()) && block_ == 1) {
    const uint8_t* src = in + (in_off + D.start) * elem;
    switch (elem_) {
      case 1:
        strided_row<uint8_t>(src, D.size, D.step, out);
        break;
      case 2:
        strided_row<uint16_t>(src, D.size, D.step, out);
        break;
      case 4:
        strided_row<uint32_t>(src, D.size, D.step, out);
        break;
      case 8:
        strided_row<uint64_t>(src, D.size, D.step, out);
        break;
      case 16:
        strided_row<Bytes<16>>(src, D.size, D.step, out);
        break;
      default:
        for (int64_t o = 0; o < D.size; ++o) std::memcpy(out + o * elem, src + o * D.step * elem, elem_);
    }
    out += D.size * elem;
    return;
  }
  for (int64_t o = 0; o < D.size; ++o) {
    if (!D.table.empty() && D.table[o] == kFill) {
      fill_elems(out, sub_count_[d], fill);
      out += sub_count_[d] * elem;
    } else {
      run_dim(d + 1, in_off + D.at(o), in, out, fill);
    }
  }
}

void IndexCopy::run(const uint8_t* in, uint8_t* out, const uint8_t* fill) const {
  if (empty_) return;
  run_dim(0, base_, in, out, fill);
}

Status check_movable(const Tensor& t, const char* what) {
  TFB_SUPPORTED(dtype_size(t.type) > 0, "%s has type %s, which has no fixed element size", what, dtype_name(t.type));
  return OkStatus();
}

void row_major_strides(const Shape& s, int64_t strides[kMaxRank]) {
  int64_t stride = 1;
  for (int d = s.rank - 1; d >= 0; --d) {
    strides[d] = stride;
    stride *= s.dim[d];
  }
}

}  // namespace tfb
