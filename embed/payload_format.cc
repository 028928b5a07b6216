#include "embed/payload_format.h"

#include <cstring>
#include <span>

#include "embed/hash.h"
#include "embed/le.h"

namespace tfb::embed::format {

std::array<uint8_t, kMagicSize> magic() {
  // volatile: the compiler must not fold the result into an 8-byte constant.
  static volatile uint8_t top_bit = 0x80;
  static const char kLetters[] = "TFBUNDLE";
  std::array<uint8_t, kMagicSize> m;
  for (size_t i = 0; i < kMagicSize; ++i) m[i] = static_cast<uint8_t>(kLetters[i] | top_bit);
  return m;
}

uint64_t trailer_checksum(const uint8_t in[kTrailerSize]) {
  return hash64(std::span<const uint8_t>(in, kChecksummedSize));
}

void encode_trailer(const Trailer& t, uint8_t out[kTrailerSize]) {
  auto m = magic();
  std::memcpy(out, m.data(), kMagicSize);
  store_le<uint32_t>(out + 8, t.format_version);
  store_le<uint32_t>(out + 12, t.flags);
  store_le<uint64_t>(out + 16, t.payload_size);
  store_le<uint64_t>(out + 24, t.index_offset);
  store_le<uint64_t>(out + 32, t.index_size);
  store_le<uint64_t>(out + 40, t.index_hash);
  store_le<uint64_t>(out + 48, t.reserved);
  store_le<uint64_t>(out + 56, trailer_checksum(out));
}

Trailer decode_trailer(const uint8_t in[kTrailerSize]) {
  Trailer t;
  t.format_version = load_le<uint32_t>(in + 8);
  t.flags = load_le<uint32_t>(in + 12);
  t.payload_size = load_le<uint64_t>(in + 16);
  t.index_offset = load_le<uint64_t>(in + 24);
  t.index_size = load_le<uint64_t>(in + 32);
  t.index_hash = load_le<uint64_t>(in + 40);
  t.reserved = load_le<uint64_t>(in + 48);
  t.checksum = load_le<uint64_t>(in + 56);
  return t;
}

}  // namespace tfb::embed::format
