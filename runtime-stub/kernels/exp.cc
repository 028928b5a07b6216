// EXP: e^x elementwise (float32, vectorized by Eigen).
#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  template <class X>
  static auto apply(const X& x) {
    return x.exp();
  }
};
}  // namespace

extern const KernelDef op_EXP = {tflfb::BuiltinOperator_EXP, nullptr, "EXP", 1, kPure, "f32", float_unary_prepare<Fn>,
                                 float_array_eval<Fn>};

}  // namespace tfb
