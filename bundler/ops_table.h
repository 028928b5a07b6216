// `bundle --list-ops`: the supported-op table, from the kernel registry.
#pragma once

#include <string>

namespace tfb::bundler {

std::string ops_table_text();
// docs/OPS.md, byte for byte.
std::string ops_table_markdown();

}  // namespace tfb::bundler
