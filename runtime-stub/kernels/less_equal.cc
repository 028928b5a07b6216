// LESS_EQUAL: elementwise comparison with broadcasting, bool output (comparison.h).
#include "kernels/comparison.h"

namespace tfb {

extern const KernelDef op_LESS_EQUAL = {tflfb::BuiltinOperator_LESS_EQUAL,
                                        nullptr,
                                        "LESS_EQUAL",
                                        2,
                                        kPure,
                                        "f32 i32 i64 i8 u8 i16",
                                        comparison_prepare<std::less_equal<>, false>,
                                        comparison_eval<std::less_equal<>>};

}  // namespace tfb
