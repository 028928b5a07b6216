// ABS: |x| elementwise; float32 and int32 (|INT32_MIN| wraps to itself).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {

bool abs_dtype(DType t) { return t == DType::kF32 || t == DType::kI32; }

Status abs_prepare(Context& ctx, Node& n) { return prepare_unary(ctx, n, "ABS", abs_dtype); }

Status abs_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  if (in.type == DType::kF32) {
    apply_unary<float, float>(in, out, [](float x) { return std::abs(x); });
  } else {
    apply_unary<int32_t, int32_t>(
        in, out, [](int32_t x) { return x < 0 ? static_cast<int32_t>(0u - static_cast<uint32_t>(x)) : x; });
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_ABS = {
    tflfb::BuiltinOperator_ABS, nullptr, "ABS", 1, kPure, "f32 i32", abs_prepare, abs_eval};

}  // namespace tfb
