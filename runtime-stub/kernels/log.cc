// LOG: natural logarithm elementwise (float32, vectorized by Eigen).
#include "kernels/unary_op.h"

namespace tfb {
namespace {
struct Fn {
  template <class X>
  static auto apply(const X& x) {
    return x.log();
  }
};
}  // namespace

extern const KernelDef op_LOG = {tflfb::BuiltinOperator_LOG, nullptr, "LOG", 1, kPure, "f32", float_unary_prepare<Fn>,
                                 float_array_eval<Fn>};

}  // namespace tfb
