// LESS: elementwise comparison with broadcasting, bool output (comparison.h).
#include "kernels/comparison.h"

namespace tfb {

extern const KernelDef op_LESS = {tflfb::BuiltinOperator_LESS,
                                  nullptr,
                                  "LESS",
                                  2,
                                  kPure,
                                  "f32 i32 i64 i8 u8 i16",
                                  comparison_prepare<std::less<>, false>,
                                  comparison_eval<std::less<>>};

}  // namespace tfb
