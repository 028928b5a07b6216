// MINIMUM: elementwise min(a, b) with broadcasting (min_max.h).
#include "kernels/min_max.h"

namespace tfb {

extern const KernelDef op_MINIMUM = {tflfb::BuiltinOperator_MINIMUM,
                                     nullptr,
                                     "MINIMUM",
                                     4,
                                     kPure,
                                     "f32 i8 u8 i16 i32 i64",
                                     min_max_prepare<false>,
                                     min_max_eval<false>};

}  // namespace tfb
