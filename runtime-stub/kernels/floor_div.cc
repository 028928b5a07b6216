// FLOOR_DIV: floor(a / b) with broadcasting; float32, int32, int16, int8.
// Integer division by zero is an error.
#include <cmath>

#include "kernels/binary_op.h"

namespace tfb {
namespace {

Status floor_div_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "FLOOR_DIV"));
  const DType t = ctx.input(n, 0).type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI32 || t == DType::kI16 || t == DType::kI8,
                "FLOOR_DIV on %s is not supported", dtype_name(t));
  return OkStatus();
}

template <class T>
bool floor_div_int(const Tensor& a, const Tensor& b, Tensor& out) {
  return apply_binary_checked<T, T>(a, b, out, [](T x, T y, T* r) {
    if (y == 0) return false;
    if (y == -1) {  // the one overflowing quotient (MIN / -1) wraps
      *r = wrapping_sub(T{0}, x);
      return true;
    }
    T q = static_cast<T>(x / y);
    if (x % y != 0 && ((x < 0) != (y < 0))) --q;
    *r = q;
    return true;
  });
}

Status floor_div_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  bool ok = true;
  switch (a.type) {
    case DType::kF32: apply_binary<float, float>(a, b, out, [](float x, float y) { return std::floor(x / y); }); break;
    case DType::kI32: ok = floor_div_int<int32_t>(a, b, out); break;
    case DType::kI16: ok = floor_div_int<int16_t>(a, b, out); break;
    default: ok = floor_div_int<int8_t>(a, b, out); break;
  }
  TFB_CHECK_KIND(ErrorKind::kRuntime, ok, "FLOOR_DIV: division by zero");
  return OkStatus();
}

}  // namespace

extern const KernelDef op_FLOOR_DIV = {tflfb::BuiltinOperator_FLOOR_DIV,
                                       nullptr,
                                       "FLOOR_DIV",
                                       3,
                                       kPure,
                                       "f32 i32 i16 i8",
                                       floor_div_prepare,
                                       floor_div_eval};

}  // namespace tfb
