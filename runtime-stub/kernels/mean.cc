// MEAN: average over the given axes. Quantized inputs follow what the real
// TFLite computes, which depends on the case:
//  - int8/uint8, rank 4, axes {1, 2} or {2}: TFLite hands these to XNNPACK
//    (global average pooling): the sum less n * input zero point, times the
//    float scale in / (out * n), rounded to nearest even.
//  - int16, rank 4, axes {1, 2}, keep_dims: TFLite's integer kernel, a
//    fixed-point rescale then a division by n rounding half away from zero.
//  - otherwise equal input/output quantization divides the raw sum
//    (truncating), and different quantization rescales the mean in float.
#include <cmath>

#include "kernels/kernel_util.h"
#include "kernels/quant_util.h"
#include "kernels/reduction.h"

namespace tfb {
namespace {

enum class MeanMethod { kFloat, kInteger, kPooled, kSpatial, kSameQuant, kRescale };

struct MeanState : KernelState {
  ReducePlan plan;
  MeanMethod method = MeanMethod::kFloat;
  int scratch = -1;                // accumulators: int64 for int32/int64 inputs, int32 for quantized
  QuantizedMultiplier multiplier;  // kSpatial
  int32_t in_zp = 0, out_zp = 0;
  float scale = 1.f, bias = 0.f;  // kPooled: scale per summed element; kRescale: mean scale and bias
};

bool axes_are(const ReducePlan& p, std::initializer_list<std::vector<int64_t>> options) {
  for (const auto& o : options)
    if (p.axes == o) return true;
  return false;
}

Status mean_prepare(Context& ctx, Node& n) {
  auto s = std::make_unique<MeanState>();
  TFB_RETURN_IF_ERROR(prepare_reduction(ctx, n, &s->plan));
  const ReducePlan& p = s->plan;
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  const int64_t count = p.reduce_count;
  switch (in.type) {
    case DType::kF32:
      s->method = MeanMethod::kFloat;
      break;
    case DType::kI32:
    case DType::kI64:
      s->method = MeanMethod::kInteger;
      s->scratch = ctx.add_scratch(n, static_cast<size_t>(p.output_count) * sizeof(int64_t));
      break;
    case DType::kI8:
    case DType::kU8:
    case DType::kI16: {
      TFB_REQUIRE(!in.quant.empty() && !out.quant.empty(), "quantized MEAN needs input and output quantization");
      TFB_SUPPORTED(!in.quant.per_channel() && !out.quant.per_channel(), "per-channel quantized MEAN is not supported");
      // Sums (less the zero point) must fit a 32-bit accumulator, as in TFLite.
      const int64_t levels = in.type == DType::kI16 ? 65536 : 256;
      TFB_SUPPORTED(count * 2 * levels <= (int64_t{1} << 31), "MEAN over %lld %s elements overflows a 32-bit sum",
                    static_cast<long long>(count), dtype_name(in.type));
      s->in_zp = in.quant.zp0();
      s->out_zp = out.quant.zp0();
      const float in_scale = in.quant.scale0(), out_scale = out.quant.scale0();
      s->scratch = ctx.add_scratch(n, static_cast<size_t>(p.output_count) * sizeof(int32_t));
      const bool rank4 = p.input_rank == 4;
      if (rank4 && in.type != DType::kI16 && axes_are(p, {{1, 2}, {2, 1}, {2}})) {
        s->method = MeanMethod::kPooled;
        s->scale = in_scale / (out_scale * static_cast<float>(count));
      } else if (rank4 && in.type == DType::kI16 && p.keep_dims && axes_are(p, {{1, 2}, {2, 1}})) {
        s->method = MeanMethod::kSpatial;
        s->multiplier = quantize_multiplier(static_cast<double>(in_scale) / static_cast<double>(out_scale));
      } else if (in_scale == out_scale && s->in_zp == s->out_zp) {
        s->method = MeanMethod::kSameQuant;
      } else {
        s->method = MeanMethod::kRescale;
        s->scale = in_scale / out_scale;
        s->bias = -static_cast<float>(s->in_zp) * s->scale;
      }
      break;
    }
    default:
      TFB_SUPPORTED(false, "MEAN on %s is not supported", dtype_name(in.type));
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class T>
void quantized_mean(const MeanState& s, const T* in, int32_t* sums, T* out) {
  const ReducePlan& p = s.plan;
  std::fill(sums, sums + p.output_count, 0);
  reduce_into(p, in, sums, [](int32_t& acc, T v) { acc += v; });
  const int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  const int32_t count = static_cast<int32_t>(p.reduce_count);
  for (int64_t i = 0; i < p.output_count; ++i) {
    if (count == 0) {
      out[i] = 0;
      continue;
    }
    const int32_t centered = sums[i] - count * s.in_zp;
    int32_t v = 0;
    switch (s.method) {
      case MeanMethod::kPooled:
        v = saturating_cast(std::nearbyint(static_cast<float>(centered) * s.scale) + static_cast<float>(s.out_zp),
                            {lo, hi});
        break;
      case MeanMethod::kSpatial: {
        // In 64 bits: r + count / 2 may not fit in 32.
        const int64_t r = multiply_by_quantized_multiplier(centered, s.multiplier);
        v = static_cast<int32_t>(
            std::clamp<int64_t>((r > 0 ? (r + count / 2) / count : (r - count / 2) / count) + s.out_zp, lo, hi));
        break;
      }
      case MeanMethod::kSameQuant:
        v = sums[i] / count;
        break;
      default: {
        const float mean = static_cast<float>(sums[i]) / static_cast<float>(count);
        v = saturating_cast(std::round(mean * s.scale + s.bias) + static_cast<float>(s.out_zp), {lo, hi});
      }
    }
    out[i] = static_cast<T>(std::clamp(v, lo, hi));
  }
}

template <class T>
void integer_mean(const ReducePlan& p, const T* in, int64_t* sums, T* out) {
  std::fill(sums, sums + p.output_count, 0);
  reduce_into(p, in, sums, [](int64_t& acc, T v) { acc += v; });
  for (int64_t i = 0; i < p.output_count; ++i) out[i] = p.reduce_count ? static_cast<T>(sums[i] / p.reduce_count) : 0;
}

Status mean_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<MeanState>();
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const ReducePlan& p = s.plan;
  switch (in.type) {
    case DType::kF32: {
      float* o = out.as<float>();
      std::fill(o, o + p.output_count, 0.f);
      reduce_into(p, in.as<float>(), o, [](float& acc, float v) { acc += v; });
      const float count = static_cast<float>(p.reduce_count);
      for (int64_t i = 0; i < p.output_count; ++i) o[i] /= count;
      break;
    }
    case DType::kI32:
      integer_mean(p, in.as<int32_t>(), reinterpret_cast<int64_t*>(ctx.scratch(n, s.scratch)), out.as<int32_t>());
      break;
    case DType::kI64:
      integer_mean(p, in.as<int64_t>(), reinterpret_cast<int64_t*>(ctx.scratch(n, s.scratch)), out.as<int64_t>());
      break;
    case DType::kI8:
      quantized_mean(s, in.as<int8_t>(), reinterpret_cast<int32_t*>(ctx.scratch(n, s.scratch)), out.as<int8_t>());
      break;
    case DType::kU8:
      quantized_mean(s, in.as<uint8_t>(), reinterpret_cast<int32_t*>(ctx.scratch(n, s.scratch)), out.as<uint8_t>());
      break;
    default:
      quantized_mean(s, in.as<int16_t>(), reinterpret_cast<int32_t*>(ctx.scratch(n, s.scratch)), out.as<int16_t>());
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_MEAN = {tflfb::BuiltinOperator_MEAN, nullptr,      "MEAN",   3, kPure,
                                  "f32 i32 i64 i8 u8 i16",     mean_prepare, mean_eval};

}  // namespace tfb
