// HARD_SWISH: x * relu6(x + 3) / 6 elementwise (float32).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  float operator()(float x) const { return x * std::min(std::max(x + 3.f, 0.f), 6.f) / 6.f; }
};
}  // namespace

extern const KernelDef op_HARD_SWISH = {tflfb::BuiltinOperator_HARD_SWISH, nullptr, "HARD_SWISH", 1, kPure, "f32",
                                float_unary_prepare<Fn>, float_unary_eval<Fn>};

}  // namespace tfb
