// GREATER: elementwise comparison with broadcasting, bool output (comparison.h).
#include "kernels/comparison.h"

namespace tfb {

extern const KernelDef op_GREATER = {tflfb::BuiltinOperator_GREATER,
                                     nullptr,
                                     "GREATER",
                                     2,
                                     kPure,
                                     "f32 i32 i64 i8 u8 i16",
                                     comparison_prepare<std::greater<>, false>,
                                     comparison_eval<std::greater<>>};

}  // namespace tfb
