// RSQRT: 1 / sqrt(x) elementwise (float32).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  float operator()(float x) const { return 1.f / std::sqrt(x); }
};
}  // namespace

extern const KernelDef op_RSQRT = {
    tflfb::BuiltinOperator_RSQRT, nullptr, "RSQRT", 1, kPure, "f32", float_unary_prepare<Fn>, float_unary_eval<Fn>};

}  // namespace tfb
