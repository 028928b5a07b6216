// SUB: a - b with numpy broadcasting and a fused activation (add_sub.h).
#include "kernels/add_sub.h"

namespace tfb {

extern const KernelDef op_SUB = {
    tflfb::BuiltinOperator_SUB, nullptr,           "SUB", 5, kPure, "f32 i32 i64 i8 u8 i16",
    add_sub_prepare<true>,      add_sub_eval<true>};

}  // namespace tfb
