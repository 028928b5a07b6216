// LOGISTIC: 1 / (1 + e^-x) elementwise (table_activation.h).
#include <cmath>

#include "kernels/table_activation.h"

namespace tfb {
namespace {

struct Logistic {
  static constexpr const char* kName = "LOGISTIC";
  static constexpr float kOutScale = 1.0f / 256;
  static constexpr int32_t kZeroPointI8 = -128, kZeroPointU8 = 0;
  // Evaluated on the side where e^x cannot overflow, as XNNPACK builds its table.
  static float scalar(float x) {
    return std::signbit(x) ? 1.0f / (1.0f + std::exp(x * -1.0f)) : 1.0f - 1.0f / (1.0f + std::exp(x));
  }
  template <class X>
  static auto apply(const X& x) {
    return x.logistic();
  }
};

}  // namespace

extern const KernelDef op_LOGISTIC = {
    tflfb::BuiltinOperator_LOGISTIC, nullptr, "LOGISTIC", 2, kPure, "f32 i8 u8", table_activation_prepare<Logistic>,
    table_activation_eval<Logistic>};

}  // namespace tfb
