// DEPTHWISE_CONV_2D: each input channel convolved with its own filters
// (out_c = in_c x multiplier, filter [1, kh, kw, out_c]). Float, int8 and
// uint8 layers with multiplier 1 and constant weights run microkernels on
// weights packed in prepare (kernels/packed_dwconv.h), as do 8-bit layers with
// one input channel and a multiplier (micro_speech), ordinary convolutions:
// im2col rows times the filter packed for the 8-bit GEMM microkernels. The
// others are computed directly, one output pixel at a time with its channels
// innermost so the loops vectorize, taps outside the image skipped (padding
// is a real zero). Variants: float; int8, uint8 (XNNPACK's float
// requantization, TFLite's fixed point when there is no bias); int16 x int8
// (int64 sums, TFLite's fixed point); hybrid (float input quantized per
// batch, int8 per-channel weights).
#include <type_traits>

#include "kernels/conv_geometry.h"
#include "kernels/packed_dwconv.h"
#include "kernels/hybrid_quantize.h"
#include "kernels/im2col.h"
#include "kernels/kernel_util.h"
#include "kernels/layer_checks.h"
#include "kernels/parallel_tasks.h"
#include "kernels/qs8_gemm.h"
#include "kernels/quantized_weights.h"
#include "kernels/requantize.h"

namespace tfb {
namespace {

enum class DepthwisePath { kFloat, kQuantized, kHybrid };

struct DepthwiseState : KernelState {
  DepthwisePath path = DepthwisePath::kFloat;
  ConvGeometry g;
  int multiplier = 1;
  int64_t grain = 1;  // output rows per task, at least
  FloatRange act;
  bool packed = false;  // float, int8, uint8 on the microkernels
  F32Dwconv f32;
  QS8Dwconv q8;
  bool single_channel = false;  // int8, uint8 with in_c 1: im2col rows times `gemm`
  QS8Gemm gemm;
  int64_t block_rows = 0;  // single_channel: im2col rows built at once per task
  int im2col_slot = -1;
  Requantization rq;
  std::vector<int16_t> weights;  // quantized: filter minus its zero point
  std::vector<int64_t> bias;  // quantized: as stored (padding is skipped, not folded)
  std::vector<float> channel_scale;  // hybrid
  int acc_slot = -1, quantized_slot = -1, row_quant_slot = -1;
};

// acc[oc] += (x[oc / multiplier] - zp) * w[oc] for one tap. With 8-bit
// inputs x - zp fits 16 bits, and 16 x 16 -> 32 bit multiplies vectorize
// well, so the difference is narrowed explicitly.
template <class Acc, class T, class TW>
inline void accumulate_tap(Acc* acc, const T* x, Acc zp, const TW* w, int in_c, int multiplier) {
  using Diff = std::conditional_t<sizeof(T) == 1, int16_t, Acc>;
  if (multiplier == 1) {
    for (int c = 0; c < in_c; ++c) acc[c] += static_cast<Acc>(static_cast<Diff>(x[c] - zp)) * w[c];
  } else {
    for (int c = 0; c < in_c; ++c) {
      const Acc v = static_cast<Diff>(x[c] - zp);
      for (int j = 0; j < multiplier; ++j) acc[c * multiplier + j] += v * w[c * multiplier + j];
    }
  }
}

// acc[ox][oc] += (x - zp) * w over the taps of output row oy that fall inside
// the image. Taps are the outer loops, so each one runs over the range of
// pixels it reaches without per-pixel bounds checks.
template <class Acc, class T, class TW>
void accumulate_row(const ConvGeometry& g, int multiplier, const T* image, Acc zp, const TW* filter, int oy, Acc* acc) {
  for (int ky = 0; ky < g.filter_h; ++ky) {
    const int iy = oy * g.stride_h - g.pad_top + ky * g.dilation_h;
    if (iy < 0 || iy >= g.in_h) continue;
    const T* row = image + int64_t{iy} * g.in_w * g.in_c;
    for (int kx = 0; kx < g.filter_w; ++kx) {
      // Output pixel ox reads input column ox * stride + shift.
      const int shift = kx * g.dilation_w - g.pad_left;
      const int first = shift >= 0 ? 0 : (-shift + g.stride_w - 1) / g.stride_w;
      const int last = g.in_w - 1 - shift < 0 ? -1 : std::min(g.out_w - 1, (g.in_w - 1 - shift) / g.stride_w);
      const TW* w = filter + (int64_t{ky} * g.filter_w + kx) * g.out_c;
      for (int ox = first; ox <= last; ++ox)
        accumulate_tap(acc + int64_t{ox} * g.out_c, row + (int64_t{ox} * g.stride_w + shift) * g.in_c, zp, w, g.in_c,
                       multiplier);
    }
  }
}

// Runs row(task, b, oy) for every output row, split across threads.
template <class Row>
void for_each_row(Context& ctx, const DepthwiseState& s, Row row) {
  const ConvGeometry& g = s.g;
  parallel_tasks(ctx.pool(), int64_t{g.batches} * g.out_h, s.grain, [&](int task, int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) row(task, static_cast<int>(r / g.out_h), static_cast<int>(r % g.out_h));
  });
}

Status eval_float(Context& ctx, const Node& n, const DepthwiseState& s) {
  const ConvGeometry& g = s.g;
  const float* in = ctx.input(n, 0).as<float>();
  float* out = ctx.output(n, 0).as<float>();
  if (s.packed) {
    parallel_ranges(ctx.pool(), int64_t{g.batches} * g.out_h, s.grain,
                    [&](int64_t r0, int64_t r1) { s.f32.run_rows(in, out, s.act, r0, r1); });
    return OkStatus();
  }
  const float* w = ctx.input(n, 1).as<float>();
  const Tensor* bias = ctx.optional_input(n, 2);
  for_each_row(ctx, s, [&](int, int batch, int oy) {
    float* o = out + (int64_t{batch} * g.out_h + oy) * g.out_w * g.out_c;
    for (int ox = 0; ox < g.out_w; ++ox)
      for (int c = 0; c < g.out_c; ++c) o[int64_t{ox} * g.out_c + c] = bias ? bias->as<float>()[c] : 0.f;
    accumulate_row(g, s.multiplier, in + int64_t{batch} * g.in_h * g.in_w * g.in_c, 0.f, w, oy, o);
    for (int64_t i = 0; i < int64_t{g.out_w} * g.out_c; ++i) o[i] = std::clamp(o[i], s.act.min, s.act.max);
  });
  return OkStatus();
}

template <class T, class Acc>
void eval_quantized(Context& ctx, const Node& n, const DepthwiseState& s) {
  const ConvGeometry& g = s.g;
  const Tensor& input = ctx.input(n, 0);
  const T* in = input.as<T>();
  T* out = ctx.output(n, 0).as<T>();
  Acc* acc_base = reinterpret_cast<Acc*>(ctx.scratch(n, s.acc_slot));
  for_each_row(ctx, s, [&](int task, int batch, int oy) {
    Acc* acc = acc_base + int64_t{task} * g.out_w * g.out_c;
    for (int ox = 0; ox < g.out_w; ++ox)
      for (int c = 0; c < g.out_c; ++c) acc[int64_t{ox} * g.out_c + c] = static_cast<Acc>(s.bias[c]);
    accumulate_row(g, s.multiplier, in + int64_t{batch} * g.in_h * g.in_w * g.in_c, static_cast<Acc>(input.quant.zp0()),
                   s.weights.data(), oy, acc);
    T* o = out + (int64_t{batch} * g.out_h + oy) * g.out_w * g.out_c;
    for (int ox = 0; ox < g.out_w; ++ox)
      requantize_row(acc + int64_t{ox} * g.out_c, 0, g.out_c, s.rq, o + int64_t{ox} * g.out_c);
  });
}

template <class T>
void eval_single_channel(Context& ctx, const Node& n, const DepthwiseState& s) {
  const ConvGeometry& g = s.g;
  const T* in = ctx.input(n, 0).as<T>();
  T* out = ctx.output(n, 0).as<T>();
  const T pad = static_cast<T>(ctx.input(n, 0).quant.zp0());
  T* col_base = reinterpret_cast<T*>(ctx.scratch(n, s.im2col_slot));
  const int taps = g.taps();
  parallel_tasks(ctx.pool(), g.out_pixels(), s.grain, [&](int task, int64_t m0, int64_t m1) {
    T* col = col_base + task * s.block_rows * taps;
    for (int64_t m = m0; m < m1; m += s.block_rows) {
      const int rows = static_cast<int>(std::min(s.block_rows, m1 - m));
      im2col(g, in, 0, 1, m, rows, [pad](int) { return pad; }, col);
      s.gemm.run(rows, col, taps, out + m * g.out_c, g.out_c);
    }
  });
}

Status eval_hybrid(Context& ctx, const Node& n, const DepthwiseState& s) {
  const ConvGeometry& g = s.g;
  const float* in = ctx.input(n, 0).as<float>();
  const Tensor* bias = ctx.optional_input(n, 2);
  const float* b = bias ? bias->as<float>() : nullptr;
  float* out = ctx.output(n, 0).as<float>();
  int8_t* q = reinterpret_cast<int8_t*>(ctx.scratch(n, s.quantized_slot));
  auto* rowq = reinterpret_cast<RowQuantization*>(ctx.scratch(n, s.row_quant_slot));
  const int64_t per_batch = int64_t{g.in_h} * g.in_w * g.in_c;
  for (int batch = 0; batch < g.batches; ++batch)
    rowq[batch] = quantize_row_asymmetric(in + batch * per_batch, per_batch, q + batch * per_batch);
  int32_t* acc_base = reinterpret_cast<int32_t*>(ctx.scratch(n, s.acc_slot));
  for_each_row(ctx, s, [&](int task, int batch, int oy) {
    int32_t* acc = acc_base + int64_t{task} * g.out_w * g.out_c;
    const RowQuantization rq = rowq[batch];
    std::fill(acc, acc + int64_t{g.out_w} * g.out_c, 0);
    accumulate_row(g, s.multiplier, q + batch * per_batch, rq.zero_point, s.weights.data(), oy, acc);
    float* o = out + (int64_t{batch} * g.out_h + oy) * g.out_w * g.out_c;
    for (int ox = 0; ox < g.out_w; ++ox)
      for (int c = 0; c < g.out_c; ++c) {
        float v = static_cast<float>(acc[int64_t{ox} * g.out_c + c]) * (s.channel_scale[c] * rq.scale);
        if (b) v += b[c];
        o[int64_t{ox} * g.out_c + c] = std::clamp(v, s.act.min, s.act.max);
      }
  });
  return OkStatus();
}

Status prepare_hybrid(Context& ctx, Node& n, DepthwiseState& s) {
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  TFB_RETURN_IF_ERROR(check_float_bias(bias, s.g.out_c));
  TFB_RETURN_IF_ERROR(hybrid_filter_scales(filter, s.g.out_c, 3, &s.channel_scale));
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  TFB_RETURN_IF_ERROR(
      check_accumulator_range(w, s.g.out_c, s.g.taps(), 1, s.g.out_c, {}, kMaxAbs8BitInput, kInt32Limit));
  TFB_RETURN_IF_ERROR(widen_filter(filter, &s.weights));
  s.quantized_slot = ctx.add_scratch(n, static_cast<size_t>(in.count()));
  s.row_quant_slot = ctx.add_scratch(n, sizeof(RowQuantization) * s.g.batches);
  s.acc_slot = ctx.add_scratch(n, sizeof(int32_t) * max_tasks(ctx.pool()) * s.g.out_w * s.g.out_c);
  return OkStatus();
}

Status prepare_quantized(Context& ctx, Node& n, DepthwiseState& s, tflfb::ActivationFunctionType act) {
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor& out = ctx.output(n, 0);
  const bool wide = in.type == DType::kI16;
  // TFLite runs 8-bit layers without a bias on its builtin kernel, not on
  // XNNPACK: their answers follow its fixed point (tests/kernels/depthwise_conv_2d_test.cc).
  // The microkernels compute XNNPACK's rounding only, so these layers do not take them.
  const bool fixed = wide || !ctx.has_input(n, 2);
  TFB_RETURN_IF_ERROR(make_requantization(
      fixed ? Requantization::Arithmetic::kFixedPoint : Requantization::Arithmetic::kFloatScale, in, filter, out,
      s.g.out_c, act, &s.rq));
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  TFB_RETURN_IF_ERROR(read_bias(ctx.optional_input(n, 2), s.g.out_c, &s.bias));
  TFB_RETURN_IF_ERROR(check_accumulator_range(w, s.g.out_c, s.g.taps(), 1, s.g.out_c, s.bias,
                                              wide ? kMaxAbs16BitInput : kMaxAbs8BitInput,
                                              wide ? kInt64AccLimit : kInt32Limit));
  if (!fixed && dwconv_microkernels_apply(s.g)) {
    s.packed = true;
    s.q8.pack(s.g, in.type, in.quant.zp0(), w, s.bias, s.rq);
    return OkStatus();
  }
  if (!fixed && s.g.in_c == 1 && s.multiplier > 1 && QS8Gemm::applies()) {
    // Filter [1, kh, kw, out_c] read as the [out_c][taps] matrix of a convolution.
    s.single_channel = true;
    const int taps = s.g.taps();
    s.gemm.pack(s.g.out_c, taps, w, 1, s.g.out_c, s.bias, in.type, in.quant.zp0(), s.rq, 0);
    s.block_rows = std::clamp<int64_t>(kIm2colBlockBytes / taps, 4, 1024);
    s.grain = std::max<int64_t>(1, kMinMacsPerTask / (int64_t{taps} * s.g.out_c));
    s.im2col_slot = ctx.add_scratch(n, max_tasks(ctx.pool()) * s.block_rows * taps);
    return OkStatus();
  }
  TFB_RETURN_IF_ERROR(widen_filter(filter, &s.weights));
  const size_t acc_elt = wide ? sizeof(int64_t) : sizeof(int32_t);
  s.acc_slot = ctx.add_scratch(n, acc_elt * max_tasks(ctx.pool()) * s.g.out_w * s.g.out_c);
  return OkStatus();
}

Status depthwise_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 3, 1));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  Tensor& out = ctx.output(n, 0);
  auto* opts = n.options<tflfb::DepthwiseConv2DOptions>();
  TFB_REQUIRE(opts, "DepthwiseConv2DOptions are missing");
  TFB_REQUIRE(in.rank() == 4, "input must be 4-D, is %s", in.shape.str().c_str());
  TFB_REQUIRE(filter.rank() == 4 && filter.dim(0) == 1, "filter must be [1, h, w, channels], is %s",
              filter.shape.str().c_str());
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_fusable(opts->fused_activation_function()));
  TFB_SUPPORTED(!filter.sparsity, "sparse filters are not supported (expected a DENSIFY op)");
  const DType ti = in.type, tf = filter.type;
  TFB_SUPPORTED((ti == DType::kF32 && (tf == DType::kF32 || tf == DType::kI8)) ||
                    (ti == DType::kI8 && tf == DType::kI8) || (ti == DType::kU8 && tf == DType::kU8) ||
                    (ti == DType::kI16 && tf == DType::kI8),
                "DEPTHWISE_CONV_2D with %s input and %s filter is not supported", dtype_name(ti), dtype_name(tf));

  auto s = std::make_unique<DepthwiseState>();
  const int in_c = in.dim(3), out_c = filter.dim(3);
  // The multiplier follows from the shapes; the option repeats it.
  TFB_REQUIRE(in_c > 0 && out_c % in_c == 0, "filter has %d channels for %d input channels", out_c, in_c);
  s->multiplier = out_c / in_c;
  WindowOptions w{opts->padding(), opts->stride_h(), opts->stride_w(), opts->dilation_h_factor(),
                  opts->dilation_w_factor()};
  TFB_RETURN_IF_ERROR(conv_geometry(in.shape.dim, filter.dim(1), filter.dim(2), out_c, w, &s->g));
  s->act = activation_range(opts->fused_activation_function());
  s->grain =
      std::max<int64_t>(1, kMinDepthwiseMacsPerTask / std::max<int64_t>(1, int64_t{s->g.taps()} * out_c * s->g.out_w));
  TFB_RETURN_IF_ERROR(check_filter_axis(filter, 3));

  if (tf == DType::kF32) {
    s->path = DepthwisePath::kFloat;
    TFB_RETURN_IF_ERROR(check_float_bias(bias, out_c));
    // Constant weights are packed for the microkernels.
    if (dwconv_microkernels_apply(s->g) && ctx.has_values(filter) && (!bias || ctx.has_values(*bias))) {
      s->packed = true;
      s->f32.pack(s->g, filter.as<float>(), bias ? bias->as<float>() : nullptr);
    }
  } else {
    if (!ctx.has_values(filter) || (bias && !ctx.has_values(*bias))) return ctx.defer();
    if (ti == DType::kF32) {
      s->path = DepthwisePath::kHybrid;
      TFB_RETURN_IF_ERROR(prepare_hybrid(ctx, n, *s));
    } else {
      s->path = DepthwisePath::kQuantized;
      TFB_RETURN_IF_ERROR(prepare_quantized(ctx, n, *s, opts->fused_activation_function()));
    }
  }
  const ConvGeometry g = s->g;
  n.state = std::move(s);
  return ctx.set_shape(out, Shape{g.batches, g.out_h, g.out_w, g.out_c});
}

Status depthwise_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<DepthwiseState>();
  switch (s.path) {
    case DepthwisePath::kFloat: return eval_float(ctx, n, s);
    case DepthwisePath::kHybrid: return eval_hybrid(ctx, n, s);
    case DepthwisePath::kQuantized: break;
  }
  if (s.single_channel) {
    if (ctx.input(n, 0).type == DType::kI8) {
      eval_single_channel<int8_t>(ctx, n, s);
    } else {
      eval_single_channel<uint8_t>(ctx, n, s);
    }
    return OkStatus();
  }
  if (s.packed) {
    const void* in = ctx.input(n, 0).data;
    void* out = ctx.output(n, 0).data;
    parallel_ranges(ctx.pool(), int64_t{s.g.batches} * s.g.out_h, s.grain,
                    [&](int64_t r0, int64_t r1) { s.q8.run_rows(in, out, r0, r1); });
    return OkStatus();
  }
  switch (ctx.input(n, 0).type) {
    case DType::kI8: eval_quantized<int8_t, int32_t>(ctx, n, s); break;
    case DType::kU8: eval_quantized<uint8_t, int32_t>(ctx, n, s); break;
    default: eval_quantized<int16_t, int64_t>(ctx, n, s); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_DEPTHWISE_CONV_2D = {tflfb::BuiltinOperator_DEPTHWISE_CONV_2D,
                                               nullptr,
                                               "DEPTHWISE_CONV_2D",
                                               6,
                                               kPure,
                                               "f32 i8 u8 i16/wi8 f32/wi8",
                                               depthwise_prepare,
                                               depthwise_eval};

}  // namespace tfb
