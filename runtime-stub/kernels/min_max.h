// MAXIMUM and MINIMUM: elementwise larger/smaller of a and b with
// broadcasting. Quantized inputs are compared as stored: TFLite requires
// inputs and output to share their quantization.
#pragma once

#include "kernels/binary_op.h"

namespace tfb {

template <bool kMax>
Status min_max_prepare(Context& ctx, Node& n) {
  const char* op = kMax ? "MAXIMUM" : "MINIMUM";
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, op));
  const DType t = ctx.input(n, 0).type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI8 || t == DType::kU8 || t == DType::kI16 || t == DType::kI32 ||
                    t == DType::kI64,
                "%s on %s is not supported", op, dtype_name(t));
  return OkStatus();
}

template <bool kMax, class T>
void min_max_apply(const Tensor& a, const Tensor& b, Tensor& out) {
  apply_binary<T, T>(a, b, out, [](T x, T y) { return kMax ? (x > y ? x : y) : (x < y ? x : y); });
}

template <bool kMax>
Status min_max_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  switch (a.type) {
    case DType::kF32: min_max_apply<kMax, float>(a, b, out); break;
    case DType::kI8: min_max_apply<kMax, int8_t>(a, b, out); break;
    case DType::kU8: min_max_apply<kMax, uint8_t>(a, b, out); break;
    case DType::kI16: min_max_apply<kMax, int16_t>(a, b, out); break;
    case DType::kI32: min_max_apply<kMax, int32_t>(a, b, out); break;
    default: min_max_apply<kMax, int64_t>(a, b, out); break;
  }
  return OkStatus();
}

}  // namespace tfb
