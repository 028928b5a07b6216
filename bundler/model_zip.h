// The files TFLite Metadata tools append to a model as a ZIP archive
// (labels, vocabularies). The model stays whole; this only reads them.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "interpreter/status.h"

namespace tfb {

// Members of a ZIP appended to (or making up) `bytes`, by name. Empty when
// there is none. Errors only for a ZIP that is present but unreadable.
Status read_appended_zip(std::span<const uint8_t> bytes, std::map<std::string, std::vector<uint8_t>>* members);

}  // namespace tfb
