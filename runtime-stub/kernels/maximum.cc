// MAXIMUM: elementwise max(a, b) with broadcasting (min_max.h).
#include "kernels/min_max.h"

namespace tfb {

extern const KernelDef op_MAXIMUM = {
    tflfb::BuiltinOperator_MAXIMUM, nullptr,           "MAXIMUM", 4, kPure, "f32 i8 u8 i16 i32 i64",
    min_max_prepare<true>,          min_max_eval<true>};

}  // namespace tfb
