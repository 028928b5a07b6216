// NumPy .npy files (format versions 1-3, little-endian, C order): the app's
// tensor input and output format.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "interpreter/status.h"
#include "interpreter/tensor.h"

namespace tfb {

struct NpyArray {
  DType type = DType::kF32;
  std::vector<int64_t> shape;
  std::vector<uint8_t> data;  // count * dtype_size bytes

  int64_t count() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
  }
};

// Parses .npy bytes. Errors (kBadInput) say what is wrong with the file.
Status parse_npy(std::span<const uint8_t> bytes, NpyArray* out);
// The .npy version 1.0 header of an array; its data follows it in the file.
std::vector<uint8_t> npy_header(DType type, std::span<const int64_t> shape);
std::vector<uint8_t> npy_header(const Tensor& t);
// Serializes an array as .npy version 1.0.
std::vector<uint8_t> serialize_npy(DType type, std::span<const int64_t> shape, std::span<const uint8_t> data);
std::vector<uint8_t> serialize_npy(const Tensor& t);

// The numpy descr for a dtype ("<f4"), or nullptr when .npy cannot hold it.
const char* npy_descr(DType t);

}  // namespace tfb
