// GREATER_EQUAL: elementwise comparison with broadcasting, bool output (comparison.h).
#include "kernels/comparison.h"

namespace tfb {

extern const KernelDef op_GREATER_EQUAL = {tflfb::BuiltinOperator_GREATER_EQUAL,
                                           nullptr,
                                           "GREATER_EQUAL",
                                           2,
                                           kPure,
                                           "f32 i32 i64 i8 u8 i16",
                                           comparison_prepare<std::greater_equal<>, false>,
                                           comparison_eval<std::greater_equal<>>};

}  // namespace tfb
