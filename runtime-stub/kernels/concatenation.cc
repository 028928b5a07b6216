// CONCATENATION: joins the inputs along one axis. Quantized inputs whose
// scale or zero point differ from the output's are requantized as TFLite
// does (in float, rounding half away from zero); a fused activation
// clamps the result.
#include <cmath>
#include <cstring>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct Rescale {
  bool needed = false;
  float scale = 1.f, bias = 0.f;
};

struct ConcatState : KernelState {
  int64_t outer = 1;
  std::vector<int64_t> chunk;  // elements each input contributes per outer step
  std::vector<Rescale> rescale;
  int32_t out_zp = 0;
  tflfb::ActivationFunctionType act = tflfb::ActivationFunctionType_NONE;
  FloatRange float_range;
  IntRange int_range;
};

bool quantized_int(DType t) { return t == DType::kI8 || t == DType::kU8 || t == DType::kI16; }

Status concatenation_prepare(Context& ctx, Node& n) {
  TFB_REQUIRE(ctx.num_inputs(n) >= 1, "needs at least one input");
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, ctx.num_inputs(n), ctx.num_inputs(n), 1));
  const Tensor& first = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(first, out, "input 0", "output");
  TFB_RETURN_IF_ERROR(check_movable(first, "input 0"));
  auto* opts = n.options<tflfb::ConcatenationOptions>();
  int axis;
  TFB_RETURN_IF_ERROR(resolve_axis(opts ? opts->axis() : 0, first.rank(), &axis));
  TFB_REQUIRE(first.rank() > 0, "cannot concatenate scalars");

  auto s = std::make_unique<ConcatState>();
  s->act = opts ? opts->fused_activation_function() : tflfb::ActivationFunctionType_NONE;
  TFB_RETURN_IF_ERROR(check_fusable(s->act));
  const bool quantized = quantized_int(out.type) && !out.quant.empty();
  if (s->act != tflfb::ActivationFunctionType_NONE) {
    TFB_SUPPORTED(out.type == DType::kF32 || quantized, "fused activation on %s is not supported",
                  dtype_name(out.type));
    s->float_range = activation_range(s->act);
    if (quantized) s->int_range = quantized_activation_range(s->act, out);
  }
  Shape shape = first.shape;
  shape.dim[axis] = 0;
  s->outer = axis_view(first.shape, axis).outer;
  for (int i = 0; i < ctx.num_inputs(n); ++i) {
    const Tensor& t = ctx.input(n, i);
    TFB_REQUIRE_SAME_TYPE(t, first, "every input", "input 0");
    TFB_REQUIRE(t.rank() == first.rank(), "input %d has shape %s, input 0 has %s", i, t.shape.str().c_str(),
                first.shape.str().c_str());
    for (int d = 0; d < t.rank(); ++d)
      TFB_REQUIRE(d == axis || t.dim(d) == first.dim(d), "input %d has shape %s, input 0 has %s (axis %d)", i,
                  t.shape.str().c_str(), first.shape.str().c_str(), axis);
    TFB_REQUIRE(static_cast<int64_t>(shape.dim[axis]) + t.dim(axis) <= INT32_MAX, "output is too large");
    shape.dim[axis] += t.dim(axis);
    AxisView v = axis_view(t.shape, axis);
    s->chunk.push_back(v.size * v.inner);
    Rescale r;
    if (quantized && !t.quant.empty() && (t.quant.scale0() != out.quant.scale0() || t.quant.zp0() != out.quant.zp0())) {
      r.needed = true;
      r.scale = t.quant.scale0() / out.quant.scale0();
      r.bias = -static_cast<float>(t.quant.zp0()) * r.scale;
    }
    s->rescale.push_back(r);
  }
  s->out_zp = quantized ? out.quant.zp0() : 0;
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

template <class T>
void requantize(const T* in, int64_t count, const Rescale& r, int32_t out_zp, T* out) {
  const IntRange range = dtype_range(sizeof(T) == 2 ? DType::kI16 : std::is_signed_v<T> ? DType::kI8 : DType::kU8);
  for (int64_t k = 0; k < count; ++k) {
    out[k] = static_cast<T>(saturating_cast(std::round(static_cast<float>(in[k]) * r.scale + r.bias) + out_zp, range));
  }
}

template <class T>
void clamp_all(T* data, int64_t count, T lo, T hi) {
  for (int64_t k = 0; k < count; ++k) data[k] = std::clamp(data[k], lo, hi);
}

Status concatenation_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<ConcatState>();
  Tensor& out = ctx.output(n, 0);
  const size_t elem = dtype_size(out.type);
  uint8_t* dst = out.data;
  const int inputs = ctx.num_inputs(n);
  for (int64_t o = 0; o < s.outer; ++o) {
    for (int i = 0; i < inputs; ++i) {
      const int64_t count = s.chunk[i];
      const uint8_t* src = ctx.input(n, i).data + o * count * static_cast<int64_t>(elem);
      if (!s.rescale[i].needed) {
        if (count) std::memcpy(dst, src, static_cast<size_t>(count) * elem);
      } else if (out.type == DType::kU8) {
        requantize(src, count, s.rescale[i], s.out_zp, dst);
      } else if (out.type == DType::kI8) {
        requantize(reinterpret_cast<const int8_t*>(src), count, s.rescale[i], s.out_zp, reinterpret_cast<int8_t*>(dst));
      } else {
        requantize(reinterpret_cast<const int16_t*>(src), count, s.rescale[i], s.out_zp,
                   reinterpret_cast<int16_t*>(dst));
      }
      dst += count * static_cast<int64_t>(elem);
    }
  }
  if (s.act == tflfb::ActivationFunctionType_NONE) return OkStatus();
  const int64_t total = out.count();
  switch (out.type) {
    case DType::kF32:
      clamp_all(out.as<float>(), total, s.float_range.min, s.float_range.max);
      break;
    case DType::kU8:
      clamp_all(out.as<uint8_t>(), total, static_cast<uint8_t>(s.int_range.min), static_cast<uint8_t>(s.int_range.max));
      break;
    case DType::kI8:
      clamp_all(out.as<int8_t>(), total, static_cast<int8_t>(s.int_range.min), static_cast<int8_t>(s.int_range.max));
      break;
    default:
      clamp_all(out.as<int16_t>(), total, static_cast<int16_t>(s.int_range.min), static_cast<int16_t>(s.int_range.max));
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_CONCATENATION = {tflfb::BuiltinOperator_CONCATENATION,
                                           nullptr,
                                           "CONCATENATION",
                                           4,
                                           kPure,
                                           kMovableTypes,
                                           concatenation_prepare,
                                           concatenation_eval};

}  // namespace tfb
