// SUM: total over the given axes. Like TFLite, 8-bit inputs quantized
// differently from the output are rescaled in float; otherwise the raw
// values are added in the tensor's own type.
#include <cmath>

#include "kernels/kernel_util.h"
#include "kernels/reduction.h"

namespace tfb {
namespace {

struct SumState : KernelState {
  ReducePlan plan;
  int scratch = -1;  // int64 accumulators for integer types
  bool rescale = false;
  float scale = 1.f, bias = 0.f;
  int32_t out_zp = 0;
};

Status sum_prepare(Context& ctx, Node& n) {
  auto s = std::make_unique<SumState>();
  TFB_RETURN_IF_ERROR(prepare_reduction(ctx, n, &s->plan));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32:
      break;
    case DType::kI8:
    case DType::kU8:
      if (!in.quant.empty() && !out.quant.empty() &&
          (in.quant.scale0() != out.quant.scale0() || in.quant.zp0() != out.quant.zp0())) {
        s->rescale = true;
        s->scale = in.quant.scale0() / out.quant.scale0();
        s->bias = -static_cast<float>(in.quant.zp0()) * s->scale * static_cast<float>(s->plan.reduce_count);
        s->out_zp = out.quant.zp0();
      }
      [[fallthrough]];
    case DType::kI16:
    case DType::kI32:
    case DType::kI64:
      s->scratch = ctx.add_scratch(n, static_cast<size_t>(s->plan.output_count) * sizeof(int64_t));
      break;
    default:
      TFB_SUPPORTED(false, "SUM on %s is not supported", dtype_name(in.type));
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void integer_sum(const SumState& s, const T* in, int64_t* sums, T* out) {
  const ReducePlan& p = s.plan;
  std::fill(sums, sums + p.output_count, 0);
  reduce_into(p, in, sums, [](int64_t& acc, T v) { acc += v; });
  for (int64_t i = 0; i < p.output_count; ++i) {
    if (!s.rescale) {
      out[i] = static_cast<T>(sums[i]);  // wraps like TFLite's sum in the tensor type
      continue;
    }
    const float v = std::round(static_cast<float>(sums[i]) * s.scale + s.bias) + static_cast<float>(s.out_zp);
    out[i] = static_cast<T>(std::clamp(v, static_cast<float>(std::numeric_limits<T>::min()),
                                       static_cast<float>(std::numeric_limits<T>::max())));
  }
}

Status sum_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<SumState>();
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  int64_t* sums = s.scratch >= 0 ? reinterpret_cast<int64_t*>(ctx.scratch(n, s.scratch)) : nullptr;
  switch (in.type) {
    case DType::kF32: {
      float* o = out.as<float>();
      std::fill(o, o + s.plan.output_count, 0.f);
      reduce_into(s.plan, in.as<float>(), o, [](float& acc, float v) { acc += v; });
      break;
    }
    case DType::kI8:
      integer_sum(s, in.as<int8_t>(), sums, out.as<int8_t>());
      break;
    case DType::kU8:
      integer_sum(s, in.as<uint8_t>(), sums, out.as<uint8_t>());
      break;
    case DType::kI16:
      integer_sum(s, in.as<int16_t>(), sums, out.as<int16_t>());
      break;
    case DType::kI32:
      integer_sum(s, in.as<int32_t>(), sums, out.as<int32_t>());
      break;
    default:
      integer_sum(s, in.as<int64_t>(), sums, out.as<int64_t>());
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SUM = {tflfb::BuiltinOperator_SUM, nullptr,     "SUM",   2, kPure,
                                 "f32 i8 u8 i16 i32 i64",    sum_prepare, sum_eval};

}  // namespace tfb
