// Shared machinery for elementwise binary ops with numpy broadcasting:
// prepare checks and the vectorizable apply loop.
//
//   apply_binary<float, float>(a, b, out, [](float x, float y) { return x - y; });
#pragma once

#include <algorithm>
#include <cstdint>
#include <type_traits>

#include "kernels/broadcast.h"
#include "kernels/kernel_util.h"

namespace tfb {

// Two inputs of one dtype, one output of that dtype (bool for
// comparisons); sets the output to the broadcast shape.
Status prepare_binary(Context& ctx, Node& n, const char* op, bool bool_output = false);

// The fused activation of ADD/SUB/MUL/DIV options, checked fusable.
Status binary_activation(const Node& n, tflfb::ActivationFunctionType* act);

// Clamp range of a fused activation on an integer (non-quantized) output.
IntRange int_activation_range(tflfb::ActivationFunctionType act);

// Two's-complement wrapping arithmetic: what TFLite's integer kernels
// compute on overflow, without undefined behaviour here.
template <class T>
T wrapping_add(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) + static_cast<U>(y));
}
template <class T>
T wrapping_sub(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) - static_cast<U>(y));
}
template <class T>
T wrapping_mul(T x, T y) {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(x) * static_cast<U>(y));
}

// out[i] = f(a[i], b[i]) over the broadcast output. The contiguous, scalar
// and both-scalar run kinds get their own loops so each one vectorizes.
template <class In, class Out, class F>
void apply_binary(const Tensor& a, const Tensor& b, Tensor& out, F f) {
  const In* pa = a.as<In>();
  const In* pb = b.as<In>();
  Out* po = out.as<Out>();
  binary_broadcast(out.shape, a.shape, b.shape,
                   [&](int64_t o, int64_t ai, int64_t as, int64_t bi, int64_t bs, int64_t count) {
                     Out* dst = po + o;
                     const In* x = pa + ai;
                     const In* y = pb + bi;
                     if (as == 1 && bs == 1) {
                       for (int64_t k = 0; k < count; ++k) dst[k] = f(x[k], y[k]);
                     } else if (as == 0 && bs == 1) {
                       const In xv = *x;
                       for (int64_t k = 0; k < count; ++k) dst[k] = f(xv, y[k]);
                     } else if (as == 1 && bs == 0) {
                       const In yv = *y;
                       for (int64_t k = 0; k < count; ++k) dst[k] = f(x[k], yv);
                     } else {
                       for (int64_t k = 0; k < count; ++k) dst[k] = f(x[k * as], y[k * bs]);
                     }
                   });
}

// Like apply_binary, for a function that may fail on some values (integer
// division by zero): stops at the first failure and returns false.
template <class In, class Out, class F>
bool apply_binary_checked(const Tensor& a, const Tensor& b, Tensor& out, F f) {
  bool ok = true;
  const In* pa = a.as<In>();
  const In* pb = b.as<In>();
  Out* po = out.as<Out>();
  binary_broadcast(out.shape, a.shape, b.shape,
                   [&](int64_t o, int64_t ai, int64_t as, int64_t bi, int64_t bs, int64_t count) {
                     for (int64_t k = 0; k < count && ok; ++k) ok = f(pa[ai + k * as], pb[bi + k * bs], &po[o + k]);
                   });
  return ok;
}

}  // namespace tfb
