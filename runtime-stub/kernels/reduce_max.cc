// REDUCE_MAX: largest value over the given axes.
#include "kernels/reduce_extremum.h"

namespace tfb {

extern const KernelDef op_REDUCE_MAX = {tflfb::BuiltinOperator_REDUCE_MAX,
                                        nullptr,
                                        "REDUCE_MAX",
                                        3,
                                        kPure,
                                        "f32 i8 u8 i16 i32 i64",
                                        reduce_extremum_prepare,
                                        reduce_extremum_eval<true>};

}  // namespace tfb
