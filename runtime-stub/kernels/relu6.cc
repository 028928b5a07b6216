// RELU6: min(max(x, 0), 6) elementwise (relu.h).
#include "kernels/relu.h"

namespace tfb {

extern const KernelDef op_RELU6 = {tflfb::BuiltinOperator_RELU6, nullptr,        "RELU6", 2, kPure, "f32 i8 u8",
                                   relu_prepare<true>,           relu_eval<true>};

}  // namespace tfb
