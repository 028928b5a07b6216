#include "bundler/ops_table.h"

#include <algorithm>
#include <vector>

#include "interpreter/status.h"
#include "kernels/registry.h"

namespace tfb::bundler {

namespace {

// Sorted by name, so the table does not depend on op_list.inc order.
std::vector<const KernelDef*> sorted_kernels() {
  auto all = all_kernels();
  std::vector<const KernelDef*> k(all.begin(), all.end());
  std::sort(k.begin(), k.end(), [](const KernelDef* a, const KernelDef* b) { return std::string_view(a->name) < b->name; });
  return k;
}

}  // namespace

std::string ops_table_text() {
  std::string s = strfmt("%-36s %-12s %s\n", "op", "max version", "dtype variants");
  for (const KernelDef* k : sorted_kernels()) s += strfmt("%-36s %-12d %s\n", k->name, k->max_version, k->variants);
  s += strfmt("%zu ops\n", all_kernels().size());
  return s;
}

std::string ops_table_markdown() {
  std::string s =
      "# Supported operators\n"
      "\n"
      "Generated from the kernel registry (`runtime-stub/kernels/op_list.inc`) by\n"
      "`bundle --list-ops --markdown`; do not edit by hand. Regenerate with\n"
      "`scripts/update-ops-doc.sh` (a test fails while this file is stale).\n"
      "\n"
      "`max version` is the newest op version whose semantics the kernel implements.\n"
      "Variants are dtype signatures: `f32 i8 u8` = all tensors of that type; `a/wb` =\n"
      "activations `a` with weights `b`; `a->b` = the output type differs.\n"
      "\n"
      "| op | max version | dtype variants |\n"
      "|---|---:|---|\n";
  for (const KernelDef* k : sorted_kernels()) s += strfmt("| `%s` | %d | %s |\n", k->name, k->max_version, k->variants);
  s += strfmt("\n%zu ops.\n", all_kernels().size());
  return s;
}

}  // namespace tfb::bundler
