// SOFTMAX over the last axis: exp(beta * (x - max)) / sum. float32, and
// quantized int8/uint8 input with int8, uint8 or int16 output the way
// TFLite's builtin kernel computes it (XNNPACK does not take quantized
// softmax): exp of every possible (max - x) difference in a 256-entry
// float table, a float sum in input order, one float reciprocal, and
// rounding to the output's quantization.
#include <cmath>
#include <limits>

#include "dispatch/softmax_config.h"
#include "kernels/kernel_util.h"
#include "kernels/parallel_tasks.h"
#include "kernels/quant_params.h"

namespace tfb {
namespace {

struct SoftmaxState : KernelState {
  float beta = 1.f;
  int64_t rows = 0, depth = 0;
  F32SoftmaxUkernel f32 = nullptr;
  float exp_table[256];  // exp_table[255 - d] = exp(-input_scale * beta * d)
  float out_scale = 0.f;
  int32_t out_zp = 0;
};

Status softmax_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE(in.rank() >= 1, "SOFTMAX input must have rank >= 1, is a scalar");
  auto s = std::make_unique<SoftmaxState>();
  auto* opts = n.options<tflfb::SoftmaxOptions>();
  s->beta = opts ? opts->beta() : 1.f;
  s->depth = in.dim(in.rank() - 1);
  s->rows = s->depth ? in.count() / s->depth : 0;
  if (in.type == DType::kF32) {
    TFB_REQUIRE_TYPE(out, DType::kF32, "output");
    s->f32 = f32_softmax_kernel(s->beta).ukernel;
  } else {
    TFB_SUPPORTED(in.type == DType::kI8 || in.type == DType::kU8, "SOFTMAX on %s is not supported",
                  dtype_name(in.type));
    const bool out_ok = out.type == in.type || (in.type == DType::kI8 && out.type == DType::kI16);
    TFB_SUPPORTED(out_ok, "SOFTMAX from %s to %s is not supported", dtype_name(in.type), dtype_name(out.type));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
    const float scale = -in.quant.scale0() * s->beta;
    for (int d = 0; d <= 255; ++d) s->exp_table[255 - d] = std::exp(scale * static_cast<float>(d));
    s->out_scale = out.quant.scale0();
    s->out_zp = out.quant.zp0();
  }
  n.state = std::move(s);
  return ctx.set_shape(out, in.shape);
}

template <class In, class Out>
void softmax_quantized(const SoftmaxState& s, const In* in, Out* out) {
  constexpr int32_t lo = std::numeric_limits<Out>::min(), hi = std::numeric_limits<Out>::max();
  for (int64_t r = 0; r < s.rows; ++r, in += s.depth, out += s.depth) {
    int32_t max = std::numeric_limits<In>::min();
    for (int64_t i = 0; i < s.depth; ++i) max = std::max(max, int32_t{in[i]});
    const float* exp_of = s.exp_table + 255 - max;  // exp_of[x] = exp(-scale * beta * (max - x))
    float sum = 0.f;
    for (int64_t i = 0; i < s.depth; ++i) sum += exp_of[in[i]];
    const float inv = 1.f / (sum * s.out_scale);
    for (int64_t i = 0; i < s.depth; ++i) {
      const float p = exp_of[in[i]] * inv;
      // TFLite rounds uint8 by adding 0.5 and truncating, others with std::round.
      out[i] = static_cast<Out>(std::is_same_v<Out, uint8_t> ? saturating_cast(p + 0.5f, {lo, hi})
                                                             : saturating_cast(std::round(p) + s.out_zp, {lo, hi}));
    }
  }
}

Status softmax_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<SoftmaxState>();
  if (in.type == DType::kF32) {
    const float* x = in.as<float>();
    float* y = out.as<float>();
    parallel_ranges(ctx.pool(), s.rows, std::max<int64_t>(1, kMinMacsPerTask / 16 / std::max<int64_t>(1, s.depth)),
                    [&](int64_t r0, int64_t r1) {
                      s.f32(x + r0 * s.depth, y + r0 * s.depth, static_cast<size_t>(r1 - r0),
                            static_cast<size_t>(s.depth), s.beta);
                    });
  } else if (in.type == DType::kU8) {
    softmax_quantized(s, in.as<uint8_t>(), out.as<uint8_t>());
  } else if (out.type == DType::kI8) {
    softmax_quantized(s, in.as<int8_t>(), out.as<int8_t>());
  } else {
    softmax_quantized(s, in.as<int8_t>(), out.as<int16_t>());
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SOFTMAX = {
    tflfb::BuiltinOperator_SOFTMAX, nullptr, "SOFTMAX", 3, kPure, "f32 i8 u8 i8->i16", softmax_prepare, softmax_eval};

}  // namespace tfb
