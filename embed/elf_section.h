// Reading and adding one named, non-allocated section in a 64-bit
// little-endian ELF file, without binutils.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "embed/payload.h"

namespace tfb::embed {

struct SectionRange {
  uint64_t offset = 0;  // in the file
  uint64_t size = 0;
};

enum class SectionLookup {
  kFound,      // `range` is set; it may still extend past the end of the file
  kNotFound,   // a well-formed ELF without that section
  kNoHeaders,  // not an ELF64 LE file, or its section headers are missing or unreadable
};

// Finds the SHT_PROGBITS section `name`. `why` explains kNoHeaders.
SectionLookup find_section(std::span<const uint8_t> file, std::string_view name, SectionRange* range,
                           std::string* why);

// Returns `elf` with a new SHT_PROGBITS section `name` (no flags: not
// loaded) holding `contents` at a file offset that is a multiple of `align`.
// Layout: the original file up to the end of its last segment or section
// other than the section-name table, then the name table (old names plus
// the new one), the section header table, zero padding, and `contents` last.
Error add_section(std::span<const uint8_t> elf, std::string_view name, std::span<const uint8_t> contents,
                  uint64_t align, std::vector<uint8_t>* out);

}  // namespace tfb::embed
