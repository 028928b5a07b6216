// DEQUANTIZE: int8/uint8/int16 -> float32 as (q - zero_point) * scale, per
// tensor or per channel along the quantized axis; float16 -> float32.
#include <cstring>

#include "kernels/quant_params.h"
#include "kernels/unary_op.h"

namespace tfb {
namespace {

struct DequantizeState : KernelState {
  int64_t outer = 1, channels = 1, inner = 1;  // input seen as [outer, channels, inner]
  std::vector<float> scale;
  std::vector<int32_t> zero_point;
};

Status dequantize_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_TYPE(out, DType::kF32, "output");
  TFB_SUPPORTED(in.type == DType::kF16 || is_quantized_type(in.type), "DEQUANTIZE from %s is not supported",
                dtype_name(in.type));
  auto s = std::make_unique<DequantizeState>();
  if (in.type != DType::kF16) {
    const Quant& q = in.quant;
    if (q.per_channel()) {
      TFB_REQUIRE(q.axis >= 0 && q.axis < in.rank() && in.dim(q.axis) == static_cast<int64_t>(q.scale.size()) &&
                      q.zero_point.size() == q.scale.size(),
                  "input has %zu scales and %zu zero points for axis %d of %s", q.scale.size(), q.zero_point.size(),
                  q.axis, in.shape.str().c_str());
      for (int i = 0; i < q.axis; ++i) s->outer *= in.dim(i);
      s->channels = in.dim(q.axis);
      for (int i = q.axis + 1; i < in.rank(); ++i) s->inner *= in.dim(i);
      s->scale = q.scale;
      for (int64_t z : q.zero_point) s->zero_point.push_back(static_cast<int32_t>(z));
    } else {
      TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
      s->inner = in.count();
      s->scale = {q.scale0()};
      s->zero_point = {q.zp0()};
    }
  }
  n.state = std::move(s);
  return ctx.set_shape(out, in.shape);
}

// IEEE binary16 bits to float.
float half_to_float(uint16_t h) {
  const uint32_t sign = uint32_t{h & 0x8000u} << 16;
  const uint32_t exponent = (h >> 10) & 0x1f;
  uint32_t mantissa = h & 0x3ffu;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000u | (mantissa << 13);  // inf, nan
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal: normalize
    int e = -1;
    do {
      ++e;
      mantissa <<= 1;
    } while ((mantissa & 0x400u) == 0);
    bits = sign | ((112 - e) << 23) | ((mantissa & 0x3ffu) << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

template <class T>
void dequantize(const DequantizeState& s, const T* in, float* out) {
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int64_t c = 0; c < s.channels; ++c, in += s.inner, out += s.inner) {
      const float scale = s.scale[c];
      const int32_t zp = s.zero_point[c];
      for (int64_t i = 0; i < s.inner; ++i) out[i] = static_cast<float>(int32_t{in[i]} - zp) * scale;
    }
  }
}

Status dequantize_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<DequantizeState>();
  switch (in.type) {
    case DType::kF16: apply_unary<uint16_t, float>(in, out, half_to_float); break;
    case DType::kI8: dequantize(s, in.as<int8_t>(), out.as<float>()); break;
    case DType::kU8: dequantize(s, in.as<uint8_t>(), out.as<float>()); break;
    default: dequantize(s, in.as<int16_t>(), out.as<float>()); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_DEQUANTIZE = {tflfb::BuiltinOperator_DEQUANTIZE,
                                        nullptr,
                                        "DEQUANTIZE",
                                        5,
                                        kPure,
                                        "i8->f32 u8->f32 i16->f32 f16->f32",
                                        dequantize_prepare,
                                        dequantize_eval};

}  // namespace tfb
