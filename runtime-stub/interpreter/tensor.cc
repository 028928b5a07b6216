#include "interpreter/tensor.h"

namespace tfb {

namespace {
struct DTypeInfo {
  const char* name;
  const char* short_name;
  size_t size;
};

// Indexed by TFLite TensorType code.
constexpr DTypeInfo kDTypes[] = {
    {"float32", "f32", 4},  {"float16", "f16", 2},   {"int32", "i32", 4},
    {"uint8", "u8", 1},     {"int64", "i64", 8},     {"string", "str", 0},
    {"bool", "bool", 1},    {"int16", "i16", 2},     {"complex64", "c64", 8},
    {"int8", "i8", 1},      {"float64", "f64", 8},   {"complex128", "c128", 16},
    {"uint64", "u64", 8},   {"resource", "res", 0},  {"variant", "var", 0},
    {"uint32", "u32", 4},   {"uint16", "u16", 2},    {"int4", "i4", 0},
    {"bfloat16", "bf16", 2},
};
constexpr int kNumDTypes = sizeof(kDTypes) / sizeof(kDTypes[0]);
}  // namespace

bool dtype_known(int code) { return code >= 0 && code < kNumDTypes; }

size_t dtype_size(DType t) {
  int c = static_cast<int>(t);
  return dtype_known(c) ? kDTypes[c].size : 0;
}

const char* dtype_name(DType t) {
  int c = static_cast<int>(t);
  return dtype_known(c) ? kDTypes[c].name : "unknown";
}

const char* dtype_short(DType t) {
  int c = static_cast<int>(t);
  return dtype_known(c) ? kDTypes[c].short_name : "?";
}

void reset_variable(Tensor& t) {
  if (!t.data) return;
  const int fill = t.type == DType::kI8 ? static_cast<int>(t.quant.zp0()) : 0;
  std::memset(t.data, fill, t.bytes);
}

std::string Shape::str() const {
  std::string s = "[";
  for (int i = 0; i < rank; ++i) {
    if (i) s += ", ";
    s += std::to_string(dim[i]);
  }
  return s + "]";
}

}  // namespace tfb
