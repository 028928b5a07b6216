// An 8-bit quantized filter read in place as its values minus the zero
// point, so prepare can check, sum and pack it without a widened copy:
//   w[i] = (data[i] ^ flip) - offset
// int8 (zero point 0): flip 0x80, offset 128; uint8: flip 0, offset = zero point.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tfb {

struct FilterRowStats {
  int64_t sum = 0, abs_sum = 0;
  int32_t lo = 0, hi = 0;  // least and greatest value (0 for an empty row)
};

struct QuantFilter {
  const uint8_t* data = nullptr;
  uint8_t flip = 0;
  int32_t offset = 0;

  static QuantFilter int8(const void* data) { return {static_cast<const uint8_t*>(data), 0x80, 128}; }
  static QuantFilter uint8(const void* data, int32_t zero_point) {
    return {static_cast<const uint8_t*>(data), 0, zero_point};
  }

  int32_t operator[](size_t i) const { return int32_t{static_cast<uint8_t>(data[i] ^ flip)} - offset; }
  // The same filter from value i on.
  QuantFilter from(size_t i) const { return {data + i, flip, offset}; }
  // Of values i * stride for i < count.
  FilterRowStats row_stats(size_t count, size_t stride) const;
};

}  // namespace tfb
