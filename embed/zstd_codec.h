// zstd as the payload uses it: frames carry their content size and a
// content checksum. Compression is single-threaded and one-shot, so its
// output depends only on the input, the level and the zstd version.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "embed/payload.h"

namespace tfb::embed {

Error zstd_compress(std::span<const uint8_t> in, int level, std::vector<uint8_t>* out);

// Decodes one frame that must hold exactly `original_size` bytes into
// `out`, allocated once. `consumed`, if given, is called with each part of
// `in`, in order, once decoding is past it: a caller can drop the pages of a
// large mapped input while the output grows, so the two are not both resident.
Error zstd_decompress(std::span<const uint8_t> in, uint64_t original_size, Blob* out,
                      const std::function<void(std::span<const uint8_t>)>& consumed = {});

}  // namespace tfb::embed
