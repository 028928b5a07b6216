// ADD: a + b with numpy broadcasting and a fused activation (add_sub.h).
#include "kernels/add_sub.h"

namespace tfb {

extern const KernelDef op_ADD = {
    tflfb::BuiltinOperator_ADD, nullptr, "ADD", 5, kPure, "f32 i32 i64 i8 u8 i16", add_sub_prepare<false>,
    add_sub_eval<false>};

}  // namespace tfb
