// ADD and SUB share everything but the sign of b: one template, two
// kernels (add.cc, sub.cc). float32, int32, int64 with wrapping arithmetic,
// and quantized int8/uint8/int16 (see quantized_add.h).
#pragma once

#include "kernels/binary_op.h"
#include "kernels/quantized_add.h"

namespace tfb {

struct AddSubState : KernelState {
  FloatRange act;
  IntRange int_act;
  QuantizedAddParams q;
};

template <bool kSub>
Status add_sub_prepare(Context& ctx, Node& n) {
  const char* op = kSub ? "SUB" : "ADD";
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, op));
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  const Tensor& out = ctx.output(n, 0);
  tflfb::ActivationFunctionType act;
  TFB_RETURN_IF_ERROR(binary_activation(n, &act));
  auto s = std::make_unique<AddSubState>();
  s->act = activation_range(act);
  s->int_act = int_activation_range(act);
  switch (a.type) {
    case DType::kF32:
    case DType::kI32:
    case DType::kI64: break;
    case DType::kI8:
    case DType::kU8:
    case DType::kI16: {
      bool pot = true;  // the schema default
      if (auto* o = n.options<tflfb::AddOptions>()) pot = o->pot_scale_int16();
      if (auto* o = n.options<tflfb::SubOptions>()) pot = o->pot_scale_int16();
      TFB_RETURN_IF_ERROR(prepare_quantized_add(a, b, out, kSub, pot, act, &s->q));
      break;
    }
    default: TFB_SUPPORTED(false, "%s on %s is not supported", op, dtype_name(a.type));
  }
  n.state = std::move(s);
  return OkStatus();
}

template <bool kSub, class T>
T wrapping_add_sub(T x, T y) {
  return kSub ? wrapping_sub(x, y) : wrapping_add(x, y);
}

template <bool kSub>
Status add_sub_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<AddSubState>();
  switch (a.type) {
    case DType::kF32: {
      const float lo = s.act.min, hi = s.act.max;
      apply_binary<float, float>(a, b, out, [=](float x, float y) { return std::clamp(kSub ? x - y : x + y, lo, hi); });
      break;
    }
    case DType::kI32: {
      const int32_t lo = s.int_act.min, hi = s.int_act.max;
      apply_binary<int32_t, int32_t>(
          a, b, out, [=](int32_t x, int32_t y) { return std::clamp(wrapping_add_sub<kSub>(x, y), lo, hi); });
      break;
    }
    case DType::kI64: {
      const int64_t lo = s.int_act.min == INT32_MIN ? INT64_MIN : s.int_act.min;
      const int64_t hi = s.int_act.max == INT32_MAX ? INT64_MAX : s.int_act.max;
      apply_binary<int64_t, int64_t>(
          a, b, out, [=](int64_t x, int64_t y) { return std::clamp(wrapping_add_sub<kSub>(x, y), lo, hi); });
      break;
    }
    case DType::kI8: eval_quantized_add<int8_t>(s.q, a, b, out); break;
    case DType::kU8: eval_quantized_add<uint8_t>(s.q, a, b, out); break;
    default: eval_quantized_add<int16_t>(s.q, a, b, out); break;
  }
  return OkStatus();
}

}  // namespace tfb
