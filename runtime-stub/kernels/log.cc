// LOG: natural logarithm elementwise (float32).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  float operator()(float x) const { return std::log(x); }
};
}  // namespace

extern const KernelDef op_LOG = {tflfb::BuiltinOperator_LOG, nullptr, "LOG", 1, kPure, "f32",
                                float_unary_prepare<Fn>, float_unary_eval<Fn>};

}  // namespace tfb
