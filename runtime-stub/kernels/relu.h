// RELU and RELU6: clamp to [0, inf) / [0, 6]. float32, and int8/uint8 the
// way TFLite's builtin kernel does it: rescale input to output with a Q31
// multiplier, then clamp to the quantized activation range.
#pragma once

#include <limits>

#include "kernels/quant_params.h"
#include "kernels/quant_util.h"
#include "kernels/unary_op.h"

namespace tfb {

struct ReluState : KernelState {
  int32_t in_zp = 0, out_zp = 0;
  QuantizedMultiplier multiplier;
  IntRange range;
};

inline bool relu_dtype(DType t) { return t == DType::kF32 || t == DType::kI8 || t == DType::kU8; }

template <bool kRelu6>
Status relu_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_unary(ctx, n, kRelu6 ? "RELU6" : "RELU", relu_dtype));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  auto s = std::make_unique<ReluState>();
  if (in.type != DType::kF32) {
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
    s->in_zp = in.quant.zp0();
    s->out_zp = out.quant.zp0();
    s->multiplier = quantize_multiplier(in.quant.scale0() / out.quant.scale0());  // float ratio, as TFLite
    s->range = quantized_activation_range(
        kRelu6 ? tflfb::ActivationFunctionType_RELU6 : tflfb::ActivationFunctionType_RELU, out);
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void relu_quantized(const ReluState& s, const Tensor& in, Tensor& out) {
  const int32_t iz = s.in_zp, oz = s.out_zp, lo = s.range.min, hi = s.range.max;
  const QuantizedMultiplier m = s.multiplier;
  apply_unary<T, T>(in, out, [=](T x) {
    return static_cast<T>(std::clamp(oz + multiply_by_quantized_multiplier(int32_t{x} - iz, m), lo, hi));
  });
}

template <bool kRelu6>
Status relu_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<ReluState>();
  switch (in.type) {
    case DType::kF32: {
      const float hi = kRelu6 ? 6.f : std::numeric_limits<float>::infinity();
      apply_unary<float, float>(in, out, [=](float x) { return std::min(std::max(x, 0.f), hi); });
      break;
    }
    case DType::kI8: relu_quantized<int8_t>(s, in, out); break;
    default: relu_quantized<uint8_t>(s, in, out); break;
  }
  return OkStatus();
}

}  // namespace tfb
