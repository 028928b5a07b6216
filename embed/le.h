// Little-endian loads and stores at any alignment (the file format is
// little-endian whatever the host).
#pragma once

#include <cstdint>

namespace tfb::embed {

template <class T> T load_le(const uint8_t* p) {
  T v = 0;
  for (unsigned i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(p[i]) << (8 * i));
  return v;
}

template <class T> void store_le(uint8_t* p, T v) {
  for (unsigned i = 0; i < sizeof(T); ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

}  // namespace tfb::embed
