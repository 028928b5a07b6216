// REDUCE_MIN: smallest value over the given axes.
#include "kernels/reduce_extremum.h"

namespace tfb {

extern const KernelDef op_REDUCE_MIN = {tflfb::BuiltinOperator_REDUCE_MIN,
                                        nullptr,
                                        "REDUCE_MIN",
                                        3,
                                        kPure,
                                        "f32 i8 u8 i16 i32 i64",
                                        reduce_extremum_prepare,
                                        reduce_extremum_eval<false>};

}  // namespace tfb
