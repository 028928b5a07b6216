// FLOOR_MOD: a - floor(a / b) * b (the remainder takes b's sign) with
// broadcasting; float32, int32, int64, int16, int8. Integer modulo by zero
// is an error.
#include <cmath>

#include "kernels/binary_op.h"

namespace tfb {
namespace {

Status floor_mod_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_binary(ctx, n, "FLOOR_MOD"));
  const DType t = ctx.input(n, 0).type;
  TFB_SUPPORTED(t == DType::kF32 || t == DType::kI32 || t == DType::kI64 || t == DType::kI16 || t == DType::kI8,
                "FLOOR_MOD on %s is not supported", dtype_name(t));
  return OkStatus();
}

template <class T>
T floor_adjust(T rem, T y) {
  return (rem != 0 && ((y < 0) != (rem < 0))) ? static_cast<T>(rem + y) : rem;
}

template <class T>
bool floor_mod_int(const Tensor& a, const Tensor& b, Tensor& out) {
  return apply_binary_checked<T, T>(a, b, out, [](T x, T y, T* r) {
    if (y == 0) return false;
    *r = y == -1 ? T{0} : floor_adjust(static_cast<T>(x % y), y);  // MIN % -1 would trap
    return true;
  });
}

Status floor_mod_eval(Context& ctx, Node& n) {
  const Tensor& a = ctx.input(n, 0);
  const Tensor& b = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  bool ok = true;
  switch (a.type) {
    case DType::kF32:
      apply_binary<float, float>(a, b, out, [](float x, float y) { return floor_adjust(std::fmod(x, y), y); });
      break;
    case DType::kI32: ok = floor_mod_int<int32_t>(a, b, out); break;
    case DType::kI64: ok = floor_mod_int<int64_t>(a, b, out); break;
    case DType::kI16: ok = floor_mod_int<int16_t>(a, b, out); break;
    default: ok = floor_mod_int<int8_t>(a, b, out); break;
  }
  TFB_CHECK_KIND(ErrorKind::kRuntime, ok, "FLOOR_MOD: modulo by zero");
  return OkStatus();
}

}  // namespace

extern const KernelDef op_FLOOR_MOD = {tflfb::BuiltinOperator_FLOOR_MOD,
                                       nullptr,
                                       "FLOOR_MOD",
                                       2,
                                       kPure,
                                       "f32 i32 i64 i16 i8",
                                       floor_mod_prepare,
                                       floor_mod_eval};

}  // namespace tfb
