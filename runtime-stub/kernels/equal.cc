// EQUAL: elementwise comparison with broadcasting, bool output (comparison.h).
#include "kernels/comparison.h"

namespace tfb {

extern const KernelDef op_EQUAL = {tflfb::BuiltinOperator_EQUAL,
                                   nullptr,
                                   "EQUAL",
                                   3,
                                   kPure,
                                   "f32 i32 i64 i8 u8 i16 bool",
                                   comparison_prepare<std::equal_to<>, true>,
                                   comparison_eval<std::equal_to<>>};

}  // namespace tfb
