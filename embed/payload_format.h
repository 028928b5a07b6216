// Constants and the fixed-size trailer of the payload format, version 1.
// docs/FORMAT.md is the specification; this file restates it in code.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace tfb::embed::format {

constexpr uint32_t kVersion = 1;

constexpr char kSectionName[] = ".tflbundle";
// Payload start in the file: a page, so a stored model can be mapped and
// used in place.
constexpr uint64_t kPayloadAlign = 4096;
// Entries sit at multiples of 64 from the payload start (one cache line, the
// tensor alignment); the index and the trailer at multiples of 8.
constexpr uint64_t kEntryAlign = 64;
constexpr uint64_t kIndexAlign = 8;

constexpr size_t kMagicSize = 8;
constexpr size_t kTrailerSize = 64;
constexpr size_t kChecksummedSize = 56;  // trailer bytes covered by its checksum

// The magic: "TFBUNDLE" with the top bit of every byte set. Built at run
// time so that no binary holds it as a constant (a backward scan of a
// stripped app must never find the stub's own copy).
std::array<uint8_t, kMagicSize> magic();

// Trailer layout (little-endian):
//   0  u8[8] magic         32 u64 index_size
//   8  u32   format_version 40 u64 index_hash (XXH3-64 of the index bytes)
//   12 u32   flags (0)      48 u64 reserved (0)
//   16 u64   payload_size   56 u64 checksum (XXH3-64 of bytes 0..55)
//   24 u64   index_offset
// Offsets are from the payload start; payload_size includes the trailer.
struct Trailer {
  uint32_t format_version = kVersion;
  uint32_t flags = 0;
  uint64_t payload_size = 0;
  uint64_t index_offset = 0;
  uint64_t index_size = 0;
  uint64_t index_hash = 0;
  uint64_t reserved = 0;
  uint64_t checksum = 0;
};

// Writes magic, fields and a fresh checksum.
void encode_trailer(const Trailer& t, uint8_t out[kTrailerSize]);
// Reads the fields (not the magic); `checksum` is the stored value.
Trailer decode_trailer(const uint8_t in[kTrailerSize]);
// The checksum the trailer bytes should carry.
uint64_t trailer_checksum(const uint8_t in[kTrailerSize]);

constexpr uint64_t align_up(uint64_t n, uint64_t align) { return (n + align - 1) / align * align; }

}  // namespace tfb::embed::format
