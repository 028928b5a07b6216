// ARG_MIN: index of the smallest value along an axis.
#include "kernels/arg_min_max.h"

namespace tfb {

extern const KernelDef op_ARG_MIN = {tflfb::BuiltinOperator_ARG_MIN,
                                     nullptr,
                                     "ARG_MIN",
                                     3,
                                     kPure,
                                     "f32->i32 f32->i64 i8->i32 i8->i64 u8->i32 u8->i64 i16 i32 i64 bool",
                                     arg_min_max_prepare,
                                     arg_min_max_eval<false>};

}  // namespace tfb
