// The kernel registry: every op the runtime implements, from op_list.inc.
#pragma once

#include <span>
#include <string_view>

#include "interpreter/kernel.h"

namespace tfb {

// The kernel for a builtin code (custom_name ignored) or, for CUSTOM, by name.
const KernelDef* find_kernel(int32_t builtin, std::string_view custom_name);
// All kernels, in op_list.inc order.
std::span<const KernelDef* const> all_kernels();

}  // namespace tfb
