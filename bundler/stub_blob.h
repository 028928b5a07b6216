// The runtime stub built into `bundle` (bundler/stub_blob.S.in).
#pragma once

#include <cstdint>
#include <span>

extern "C" const uint8_t tfb_stub_begin[];
extern "C" const uint8_t tfb_stub_end[];

namespace tfb::bundler {

inline std::span<const uint8_t> embedded_stub() {
  return {tfb_stub_begin, static_cast<size_t>(tfb_stub_end - tfb_stub_begin)};
}

}  // namespace tfb::bundler
