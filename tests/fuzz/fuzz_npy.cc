// libFuzzer target: the .npy reader.
#include "fuzz_entry.h"
#include "app/npy.h"

int tfb_fuzz_npy(const uint8_t* data, size_t size) {
  tfb::NpyArray a;
  (void)tfb::parse_npy(std::span<const uint8_t>(data, size), &a);
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_npy)
