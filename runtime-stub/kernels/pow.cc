// POW: a ^ b with broadcasting. float32 via std::pow; int32 by repeated
// squaring (a negative exponent is an error, as in TFLite).
#include <cmath>

#include "kernels/binary_op.h"

namespace tfb {
namespace {

Status pow_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "POW"));
  const DType t = ctx.input(n, 0).type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI32, "POW on %s is not supported", dtype_name(t));
  return OkStatus();
}

// base^exponent with wrapping multiplication, exponent >= 0.
int32_t int_pow(int32_t base, int32_t exponent) {
  uint32_t result = 1, b = static_cast<uint32_t>(base);
  for (uint32_t e = static_cast<uint32_t>(exponent); e != 0; e >>= 1) {
    if (e & 1) result *= b;
    b *= b;
  }
  return static_cast<int32_t>(result);
}

Status pow_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  if (a.type == DType::kF32) {
    apply_binary<float, float>(a, b, out, [](float x, float y) { return std::pow(x, y); });
    return OkStatus();
  }
  const bool ok = apply_binary_checked<int32_t, int32_t>(a, b, out, [](int32_t x, int32_t y, int32_t* r) {
    if (y < 0) return false;
    *r = int_pow(x, y);
    return true;
  });
  TFB_CHECK_KIND(ErrorKind::kRuntime, ok, "POW: int32 exponent is negative");
  return OkStatus();
}

}  // namespace

extern const KernelDef op_POW = {
    tflfb::BuiltinOperator_POW, nullptr, "POW", 1, kPure, "f32 i32", pow_prepare, pow_eval};

}  // namespace tfb
