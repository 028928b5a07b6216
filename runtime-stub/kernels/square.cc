// SQUARE: x^2 elementwise (float32).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  float operator()(float x) const { return x * x; }
};
}  // namespace

extern const KernelDef op_SQUARE = {
    tflfb::BuiltinOperator_SQUARE, nullptr, "SQUARE", 1, kPure, "f32", float_unary_prepare<Fn>, float_unary_eval<Fn>};

}  // namespace tfb
