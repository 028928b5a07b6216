// NOT_EQUAL: elementwise comparison with broadcasting, bool output (comparison.h).
#include "kernels/comparison.h"

namespace tfb {

extern const KernelDef op_NOT_EQUAL = {tflfb::BuiltinOperator_NOT_EQUAL,
                                       nullptr,
                                       "NOT_EQUAL",
                                       3,
                                       kPure,
                                       "f32 i32 i64 i8 u8 i16 bool",
                                       comparison_prepare<std::not_equal_to<>, true>,
                                       comparison_eval<std::not_equal_to<>>};

}  // namespace tfb
