// RELU: max(x, 0) elementwise (relu.h).
#include "kernels/relu.h"

namespace tfb {

extern const KernelDef op_RELU = {tflfb::BuiltinOperator_RELU, nullptr,         "RELU", 2, kPure, "f32 i8 u8",
                                  relu_prepare<false>,         relu_eval<false>};

}  // namespace tfb
