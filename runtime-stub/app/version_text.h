// What --version prints.
#pragma once

#include <string>

#include "embed/payload_format.h"
#include "embed/version.h"

namespace tfb {

inline std::string version_text() {
  return std::string("tflbundle runtime ") + embed::kRuntimeVersion + " (" + embed::kTarget + ", payload format " +
         std::to_string(embed::format::kVersion) + ")";
}

}  // namespace tfb
