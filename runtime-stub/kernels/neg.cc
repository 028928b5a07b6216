// NEG: -x elementwise; float32, int32 and int64 (the minimum wraps).
#include "kernels/unary_op.h"

namespace tfb {
namespace {

bool neg_dtype(DType t) { return t == DType::kF32 || t == DType::kI32 || t == DType::kI64; }

Status neg_prepare(Context& ctx, Node& n) { return prepare_unary(ctx, n, "NEG", neg_dtype); }

Status neg_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32: apply_unary<float, float>(in, out, [](float x) { return -x; }); break;
    case DType::kI32:
      apply_unary<int32_t, int32_t>(in, out,
                                    [](int32_t x) { return static_cast<int32_t>(0u - static_cast<uint32_t>(x)); });
      break;
    default:
      apply_unary<int64_t, int64_t>(
          in, out, [](int64_t x) { return static_cast<int64_t>(uint64_t{0} - static_cast<uint64_t>(x)); });
      break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_NEG = {
    tflfb::BuiltinOperator_NEG, nullptr, "NEG", 1, kPure, "f32 i32 i64", neg_prepare, neg_eval};

}  // namespace tfb
