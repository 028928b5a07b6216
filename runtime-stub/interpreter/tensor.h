// Tensors as kernels see them: dtype, shape, quantization and a data pointer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/aligned_buffer.h"

namespace tflfb {
struct SparsityParameters;
}

namespace tfb {

// Values are TFLite's TensorType codes, so a schema value converts directly.
enum class DType : int8_t {
  kF32 = 0, kF16 = 1, kI32 = 2, kU8 = 3, kI64 = 4, kString = 5, kBool = 6,
  kI16 = 7, kC64 = 8, kI8 = 9, kF64 = 10, kC128 = 11, kU64 = 12,
  kResource = 13, kVariant = 14, kU32 = 15, kU16 = 16, kI4 = 17, kBF16 = 18,
};

// Bytes per element; 0 for types without a fixed size (string, resource...).
size_t dtype_size(DType t);
// numpy-style name ("float32", "int8", ...); "type<N>" for unknown codes.
const char* dtype_name(DType t);
// Short name used in op signatures ("f32", "i8", ...).
const char* dtype_short(DType t);
bool dtype_known(int code);

constexpr int kMaxRank = 8;

struct Shape {
  int rank = 0;
  int32_t dim[kMaxRank] = {};

  Shape() = default;
  Shape(std::initializer_list<int32_t> dims) {
    for (int32_t d : dims) dim[rank++] = d;
  }
  int32_t operator[](int i) const { return dim[i]; }
  int32_t& operator[](int i) { return dim[i]; }
  // Product of all dimensions (1 for a scalar). Shapes are validated so this
  // cannot overflow.
  int64_t count() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= dim[i];
    return n;
  }
  // The product with empty (0) dimensions counted as 1: what per-dimension
  // work and kernel state grow with, even when the tensor holds nothing.
  int64_t extent() const {
    int64_t n = 1;
    for (int i = 0; i < rank; ++i) n *= dim[i] > 0 ? dim[i] : 1;
    return n;
  }
  bool operator==(const Shape& o) const {
    if (rank != o.rank) return false;
    for (int i = 0; i < rank; ++i)
      if (dim[i] != o.dim[i]) return false;
    return true;
  }
  bool operator!=(const Shape& o) const { return !(*this == o); }
  std::string str() const;  // "[1, 224, 224, 3]"
};

// real = scale * (q - zero_point). One value per tensor, or one per index of
// `axis` (per-channel).
struct Quant {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int axis = 0;

  bool empty() const { return scale.empty(); }
  bool per_channel() const { return scale.size() > 1; }
  float scale0() const { return scale.empty() ? 0.f : scale[0]; }
  int32_t zp0() const { return zero_point.empty() ? 0 : static_cast<int32_t>(zero_point[0]); }
};

enum class Storage : uint8_t {
  kNone,      // no data yet (optional or not allocated)
  kConstant,  // points into the model (or a folded result); read-only
  kArena,     // planned in the subgraph's activation arena
  kHeap,      // owned buffer: dynamic shapes, variables, folded constants
};

struct Tensor {
  DType type = DType::kF32;
  Shape shape;
  Quant quant;
  std::string_view name;
  uint8_t* data = nullptr;
  size_t bytes = 0;
  Storage storage = Storage::kNone;
  bool is_variable = false;  // state kept across invocations (LSTM state...)
  bool dynamic = false;      // shape known only during eval; lives on the heap
  bool folded = false;       // a constant computed at prepare from other constants
  AlignedBuffer heap;        // backing store for kHeap (and realigned constants)
  // Set for constants stored sparse: data then holds only the stored values
  // and DENSIFY expands them.
  const tflfb::SparsityParameters* sparsity = nullptr;

  template <class T> T* as() { return reinterpret_cast<T*>(data); }
  template <class T> const T* as() const { return reinterpret_cast<const T*>(data); }
  int64_t count() const { return shape.count(); }
  int32_t dim(int i) const { return shape.dim[i]; }
  int rank() const { return shape.rank; }
  bool is_constant() const { return storage == Storage::kConstant; }
  // Bytes needed for the current shape and dtype.
  size_t required_bytes() const { return static_cast<size_t>(count()) * dtype_size(type); }
};

// Sets a variable tensor to its initial value, zero. Like TFLite, an int8
// variable is filled with its zero point (the quantized zero).
void reset_variable(Tensor& t);

}  // namespace tfb
