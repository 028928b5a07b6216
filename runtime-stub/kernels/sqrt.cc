// SQRT: sqrt(x) elementwise (float32).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  float operator()(float x) const { return std::sqrt(x); }
};
}  // namespace

extern const KernelDef op_SQRT = {
    tflfb::BuiltinOperator_SQRT, nullptr, "SQRT", 1, kPure, "f32", float_unary_prepare<Fn>, float_unary_eval<Fn>};

}  // namespace tfb
