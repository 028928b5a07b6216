// TANH: hyperbolic tangent elementwise (table_activation.h).
#include <cmath>

#include "kernels/table_activation.h"

namespace tfb {
namespace {

struct Tanh {
  static constexpr const char* kName = "TANH";
  static constexpr float kOutScale = 1.0f / 128;
  static constexpr int32_t kZeroPointI8 = 0, kZeroPointU8 = 128;
  static float scalar(float x) { return std::tanh(x); }
  template <class X>
  static auto apply(const X& x) {
    return x.tanh();
  }
};

}  // namespace

extern const KernelDef op_TANH = {
    tflfb::BuiltinOperator_TANH, nullptr, "TANH", 2, kPure, "f32 i8 u8", table_activation_prepare<Tanh>,
    table_activation_eval<Tanh>};

}  // namespace tfb
