// CAST: converts between bool, int8/16/32/64, uint8/16/32, float32 and
// float64. To bool: x != 0. Float to integer truncates toward zero and
// saturates at the type's range (NaN becomes 0), so no value is undefined.
#include <cmath>
#include <limits>

#include "kernels/unary_op.h"

namespace tfb {
namespace {

bool cast_type(DType t) {
  switch (t) {
    case DType::kBool:
    case DType::kI8:
    case DType::kU8:
    case DType::kI16:
    case DType::kU16:
    case DType::kI32:
    case DType::kU32:
    case DType::kI64:
    case DType::kF32:
    case DType::kF64: return true;
    default: return false;
  }
}

Status cast_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(cast_type(in.type) && cast_type(out.type), "CAST from %s to %s is not supported", dtype_name(in.type),
                dtype_name(out.type));
  return ctx.set_shape(out, in.shape);
}

template <class Out, class In>
Out convert(In x) {
  if constexpr (std::is_same_v<Out, bool>) {
    return x != In{0};
  } else if constexpr (std::is_floating_point_v<In> && std::is_integral_v<Out>) {
    if (std::isnan(x)) return 0;
    if (x <= static_cast<In>(std::numeric_limits<Out>::min())) return std::numeric_limits<Out>::min();
    if (x >= static_cast<In>(std::numeric_limits<Out>::max())) return std::numeric_limits<Out>::max();
    return static_cast<Out>(x);
  } else {
    return static_cast<Out>(x);
  }
}

template <class In>
void cast_from(const Tensor& in, Tensor& out) {
  switch (out.type) {
    case DType::kBool: apply_unary<In, bool>(in, out, convert<bool, In>); break;
    case DType::kI8: apply_unary<In, int8_t>(in, out, convert<int8_t, In>); break;
    case DType::kU8: apply_unary<In, uint8_t>(in, out, convert<uint8_t, In>); break;
    case DType::kI16: apply_unary<In, int16_t>(in, out, convert<int16_t, In>); break;
    case DType::kU16: apply_unary<In, uint16_t>(in, out, convert<uint16_t, In>); break;
    case DType::kI32: apply_unary<In, int32_t>(in, out, convert<int32_t, In>); break;
    case DType::kU32: apply_unary<In, uint32_t>(in, out, convert<uint32_t, In>); break;
    case DType::kI64: apply_unary<In, int64_t>(in, out, convert<int64_t, In>); break;
    case DType::kF32: apply_unary<In, float>(in, out, convert<float, In>); break;
    default: apply_unary<In, double>(in, out, convert<double, In>); break;
  }
}

Status cast_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kBool: cast_from<bool>(in, out); break;
    case DType::kI8: cast_from<int8_t>(in, out); break;
    case DType::kU8: cast_from<uint8_t>(in, out); break;
    case DType::kI16: cast_from<int16_t>(in, out); break;
    case DType::kU16: cast_from<uint16_t>(in, out); break;
    case DType::kI32: cast_from<int32_t>(in, out); break;
    case DType::kU32: cast_from<uint32_t>(in, out); break;
    case DType::kI64: cast_from<int64_t>(in, out); break;
    case DType::kF32: cast_from<float>(in, out); break;
    default: cast_from<double>(in, out); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_CAST = {tflfb::BuiltinOperator_CAST,
                                  nullptr,
                                  "CAST",
                                  6,
                                  kPure,
                                  "bool i8 u8 i16 u16 i32 u32 i64 f32 f64 (any pair)",
                                  cast_prepare,
                                  cast_eval};

}  // namespace tfb
