#include "kernels/registry.h"

#include "schema/tflite_generated.h"

namespace tfb {

#define TFB_KERNEL(symbol) extern const KernelDef symbol;
#include "kernels/op_list.inc"
#undef TFB_KERNEL

namespace {
const KernelDef* const kKernels[] = {
#define TFB_KERNEL(symbol) &symbol,
#include "kernels/op_list.inc"
#undef TFB_KERNEL
};
}  // namespace

const KernelDef* find_kernel(int32_t builtin, std::string_view custom_name) {
  for (const KernelDef* k : kKernels) {
    if (k->builtin != builtin) continue;
    if (builtin != tflfb::BuiltinOperator_CUSTOM || custom_name == k->custom_name) return k;
  }
  return nullptr;
}

std::span<const KernelDef* const> all_kernels() { return kKernels; }

}  // namespace tfb
