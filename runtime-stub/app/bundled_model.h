// The model this program carries in its payload.
#pragma once

#include <cstdint>
#include <span>

#include "embed/payload.h"

namespace tfb {

struct BundledModel {
  embed::PayloadReader payload;
  std::span<const uint8_t> model;  // into the mapped file, or `storage`
  embed::Blob storage;
};

// Opens the running program's payload (trailer, index and padding checked)
// and checks that it was made for this runtime.
embed::Error open_bundled_payload(const char* argv0, BundledModel* out);

// Reads the model entry: hash checked, zero-copy when stored.
embed::Error load_bundled_model(BundledModel* bundled);

}  // namespace tfb
