// Comparisons (LESS, EQUAL, ...): bool output with broadcasting. int8 and
// uint8 inputs are compared in real units as TFLite does: both rescaled to
// a common fixed-point scale (8-bit left shift, Q31 multiplier per input).
// Other dtypes are compared as stored.
#pragma once

#include <functional>

#include "kernels/binary_op.h"
#include "kernels/quant_params.h"
#include "kernels/quant_util.h"

namespace tfb {

struct ComparisonState : KernelState {
  bool rescale = false;
  int32_t a_offset = 0, b_offset = 0;
  QuantizedMultiplier a_q, b_q;
};

template <class Cmp, bool kEqualityOnly>
Status comparison_prepare(Context& ctx, Node& n) {
  const char* op = n.kernel ? n.kernel->name : "comparison";
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, op, true));
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  const DType t = a.type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI32 || t == DType::kI64 || t == DType::kI8 || t == DType::kU8 ||
                    t == DType::kI16 || (kEqualityOnly && t == DType::kBool),
                "%s on %s is not supported", op, dtype_name(t));
  auto s = std::make_unique<ComparisonState>();
  if ((t == DType::kI8 || t == DType::kU8) && !a.quant.empty()) {
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(a, "input 0"));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(b, "input 1"));
    s->rescale = true;
    s->a_offset = -a.quant.zp0();
    s->b_offset = -b.quant.zp0();
    s->a_q = quantize_multiplier(a.quant.scale0());
    s->b_q = quantize_multiplier(b.quant.scale0());
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class Cmp, class T>
void compare_as(const ComparisonState& s, const Tensor& a, const Tensor& b, Tensor& out) {
  if constexpr (std::is_same_v<T, int8_t> || std::is_same_v<T, uint8_t>) {
    if (s.rescale) {
      const ComparisonState q = s;
      apply_binary<T, bool>(a, b, out, [q](T x, T y) {
        const int32_t sx = multiply_by_quantized_multiplier((int32_t{x} + q.a_offset) * 256, q.a_q);
        const int32_t sy = multiply_by_quantized_multiplier((int32_t{y} + q.b_offset) * 256, q.b_q);
        return Cmp{}(sx, sy);
      });
      return;
    }
  }
  apply_binary<T, bool>(a, b, out, [](T x, T y) { return Cmp{}(x, y); });
}

template <class Cmp>
Status comparison_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<ComparisonState>();
  switch (a.type) {
    case DType::kF32: compare_as<Cmp, float>(s, a, b, out); break;
    case DType::kI32: compare_as<Cmp, int32_t>(s, a, b, out); break;
    case DType::kI64: compare_as<Cmp, int64_t>(s, a, b, out); break;
    case DType::kI8: compare_as<Cmp, int8_t>(s, a, b, out); break;
    case DType::kU8: compare_as<Cmp, uint8_t>(s, a, b, out); break;
    case DType::kI16: compare_as<Cmp, int16_t>(s, a, b, out); break;
    default: compare_as<Cmp, bool>(s, a, b, out); break;
  }
  return OkStatus();
}

}  // namespace tfb
