// Shared machinery for elementwise unary ops: prepare checks, the apply
// loop, and float-only kernels from a functor:
//
//   struct Sqrt { float operator()(float x) const { return std::sqrt(x); } };
//   extern const KernelDef op_SQRT = {..., float_unary_prepare<Sqrt>, float_unary_eval<Sqrt>};
#pragma once

#include <cstdint>

#include "kernels/kernel_util.h"

namespace tfb {

// One input of a dtype `dtype_ok` accepts, one output of the same dtype;
// sets the output's shape to the input's.
Status prepare_unary(Context& ctx, Node& n, const char* op, bool (*dtype_ok)(DType));

inline bool is_f32(DType t) { return t == DType::kF32; }

template <class In, class Out, class F>
void apply_unary(const Tensor& in, Tensor& out, F f) {
  const In* src = in.as<In>();
  Out* dst = out.as<Out>();
  const int64_t count = in.count();
  for (int64_t i = 0; i < count; ++i) dst[i] = f(src[i]);
}

template <class F>
Status float_unary_prepare(Context& ctx, Node& n) {
  return prepare_unary(ctx, n, n.kernel ? n.kernel->name : "unary op", is_f32);
}

template <class F>
Status float_unary_eval(Context& ctx, Node& n) {
  apply_unary<float, float>(ctx.input(n, 0), ctx.output(n, 0), F{});
  return OkStatus();
}

}  // namespace tfb
