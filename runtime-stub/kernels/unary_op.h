// Shared machinery for elementwise unary ops: prepare checks, the apply
// loop, and float-only kernels from a functor:
//
//   struct Sqrt { float operator()(float x) const { return std::sqrt(x); } };
//   extern const KernelDef op_SQRT = {..., float_unary_prepare<Sqrt>, float_unary_eval<Sqrt>};
#pragma once

#include <Eigen/Core>
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

// Float kernels on whole arrays through Eigen, whose exp, log, tanh and
// logistic are vectorized: F::apply maps an Eigen array expression.
template <class F>
void apply_float_array(const Tensor& in, Tensor& out) {
  Eigen::Map<const Eigen::ArrayXf> x(in.as<float>(), in.count());
  Eigen::Map<Eigen::ArrayXf> y(out.as<float>(), out.count());
  y = F::apply(x);
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

template <class F>
Status float_array_eval(Context& ctx, Node& n) {
  apply_float_array<F>(ctx.input(n, 0), ctx.output(n, 0));
  return OkStatus();
}

}  // namespace tfb
