// The one hash of the payload format: XXH3-64 with seed 0 (docs/FORMAT.md).
#pragma once

#include <cstdint>
#include <span>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace tfb::embed {

inline uint64_t hash64(std::span<const uint8_t> bytes) { return XXH3_64bits(bytes.data(), bytes.size()); }

}  // namespace tfb::embed
