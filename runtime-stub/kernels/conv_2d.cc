// CONV_2D: NHWC convolution, optionally grouped (input channels = groups x
// filter channels), computed as a matrix product of receptive fields with the
// [out_c][taps x channels] filter. Float and packed 8-bit layers read them
// from the input itself: 1x1 stride-1 convolutions are one GEMM over the
// input rows; ungrouped ones without horizontal dilation run one GEMM per
// output row, each receptive field being filter_h runs of filter_w x in_c
// contiguous values in the input (copied once with its padding when it has
// any). Others build im2col rows (int16 ones for the int16 GEMM). Variants:
//   float                 f32 GEMM microkernels on weights packed in prepare
//   int8, uint8           8-bit GEMM microkernels on packed weights with a fused
//                         requantization (XNNPACK's float arithmetic); where no
//                         such kernel applies, an int16 GEMM with the same
//                         arithmetic
//   int16 x int8 (16x8)   integer GEMM with int64 sums, TFLite's fixed point
//   hybrid                float input quantized per batch, int8 weights
#include <cstring>

#include "kernels/conv_geometry.h"
#include "kernels/f32_gemm.h"
#include "kernels/hybrid_quantize.h"
#include "kernels/im2col.h"
#include "kernels/kernel_util.h"
#include "kernels/layer_checks.h"
#include "kernels/parallel_tasks.h"
#include "kernels/qgemm.h"
#include "kernels/qs8_gemm.h"
#include "kernels/quantized_weights.h"
#include "kernels/requantize.h"

namespace tfb {
namespace {

enum class ConvPath { kFloat, kQuantized, kHybrid };

struct Conv2DState : KernelState {
  ConvPath path = ConvPath::kFloat;
  ConvGeometry g;
  int groups = 1, group_in = 0, group_out = 0;
  int64_t depth = 0;     // im2col row length: taps x group_in
  bool direct = false;   // 1x1, stride 1, float or packed 8-bit: the input rows are the im2col rows
  bool rows = false;     // float or packed 8-bit, one GEMM per output row on the (padded) input
  int segments = 1;      // runs per receptive field the packed kernels read (filter_h in rows layout)
  int padded_h = 0, padded_w = 0;  // rows: the input with its padding
  int padded_slot = -1;            // rows: scratch for the padded copy, when there is padding
  int64_t block_rows = 0;
  int64_t grain = 1;     // output pixels per task, at least
  int im2col_slot = -1, acc_slot = -1;
  FloatRange act;
  std::vector<F32Gemm> f32;  // float: one packed product per group
  std::vector<QS8Gemm> q8;   // int8 / uint8 on packed kernels: one product per group
  // quantized and hybrid
  Requantization rq;
  std::vector<int16_t> weights;  // filter minus its zero point
  std::vector<int32_t> bias32;  // int8 / uint8: bias with input zero point folded in; hybrid: zeros
  std::vector<int64_t> bias64;  // int16
  // hybrid
  bool asymmetric = false;           // per-channel hybrid quantizes inputs asymmetrically
  std::vector<float> channel_scale;  // filter scale per output channel
  std::vector<int64_t> weight_sums;
  int quantized_slot = -1, row_quant_slot = -1;
};

Status prepare_quantized(Context& ctx, Node& n, Conv2DState& s, tflfb::ActivationFunctionType act) {
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  const Tensor& out = ctx.output(n, 0);
  TFB_RETURN_IF_ERROR(check_filter_axis(filter, 0));
  const bool wide = in.type == DType::kI16;
  TFB_RETURN_IF_ERROR(make_requantization(
      wide ? Requantization::Arithmetic::kFixedPoint : Requantization::Arithmetic::kFloatScale, in, filter, out,
      s.g.out_c, act, &s.rq));
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  const int32_t in_zp = in.quant.zp0();
  std::vector<int64_t> raw_bias;
  TFB_RETURN_IF_ERROR(read_bias(bias, s.g.out_c, &raw_bias));
  TFB_RETURN_IF_ERROR(check_accumulator_range(w, s.g.out_c, s.depth, s.depth, 1, raw_bias,
                                              wide ? kMaxAbs16BitInput : kMaxAbs8BitInput,
                                              wide ? kInt64AccLimit : kInt32Limit));
  if (!wide && QS8Gemm::applies()) {
    s.q8.resize(s.groups);
    for (int gi = 0; gi < s.groups; ++gi) {
      const size_t c0 = static_cast<size_t>(gi) * s.group_out;
      s.q8[gi].pack(s.group_out, s.depth, w.from(c0 * s.depth), s.depth, 1, raw_bias, in.type, in_zp, s.rq, c0,
                    s.segments);
    }
    return OkStatus();
  }
  TFB_RETURN_IF_ERROR(widen_filter(filter, &s.weights));
  const std::vector<int64_t> sums = weight_row_sums(w, s.g.out_c, s.depth);
  return wide ? fold_bias(bias, sums, in_zp, &s.bias64) : fold_bias(bias, sums, in_zp, &s.bias32);
}

Status prepare_hybrid(Context& ctx, Node& n, Conv2DState& s) {
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  TFB_RETURN_IF_ERROR(check_float_bias(bias, s.g.out_c));
  TFB_RETURN_IF_ERROR(hybrid_filter_scales(filter, s.g.out_c, 0, &s.channel_scale));
  // TFLite switches to its per-channel kernel, which quantizes the input
  // asymmetrically, only when the channel scales actually differ.
  s.asymmetric = false;
  for (float v : s.channel_scale) s.asymmetric |= v != s.channel_scale[0];
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  TFB_RETURN_IF_ERROR(check_accumulator_range(w, s.g.out_c, s.depth, s.depth, 1, {}, kMaxAbs8BitInput, kInt32Limit));
  TFB_RETURN_IF_ERROR(widen_filter(filter, &s.weights));
  s.weight_sums = weight_row_sums(w, s.g.out_c, s.depth);
  s.bias32.assign(s.g.out_c, 0);
  const Tensor& in = ctx.input(n, 0);
  s.quantized_slot = ctx.add_scratch(n, static_cast<size_t>(in.count()));
  s.row_quant_slot = ctx.add_scratch(n, sizeof(RowQuantization) * s.g.batches);
  return OkStatus();
}

Status conv_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 3, 1));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  Tensor& out = ctx.output(n, 0);
  auto* opts = n.options<tflfb::Conv2DOptions>();
  TFB_REQUIRE(opts, "Conv2DOptions are missing");
  TFB_REQUIRE(in.rank() == 4, "input must be 4-D, is %s", in.shape.str().c_str());
  TFB_REQUIRE(filter.rank() == 4, "filter must be 4-D, is %s", filter.shape.str().c_str());
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_fusable(opts->fused_activation_function()));
  TFB_SUPPORTED(!filter.sparsity, "sparse filters are not supported (expected a DENSIFY op)");

  auto s = std::make_unique<Conv2DState>();
  const int filter_c = filter.dim(3);
  const int out_c = filter.dim(0);
  TFB_REQUIRE(filter_c > 0 && in.dim(3) % filter_c == 0, "input has %d channels, filter %d", in.dim(3), filter_c);
  s->groups = in.dim(3) / filter_c;
  TFB_REQUIRE(s->groups > 0 && out_c % s->groups == 0, "%d output channels do not divide into %d groups", out_c,
              s->groups);
  s->group_in = filter_c;
  s->group_out = out_c / s->groups;
  WindowOptions w{opts->padding(), opts->stride_h(), opts->stride_w(), opts->dilation_h_factor(),
                  opts->dilation_w_factor()};
  TFB_RETURN_IF_ERROR(conv_geometry(in.shape.dim, filter.dim(1), filter.dim(2), out_c, w, &s->g));
  const ConvGeometry& g = s->g;
  s->depth = int64_t{g.taps()} * filter_c;
  s->act = activation_range(opts->fused_activation_function());
  s->grain = std::max<int64_t>(1, kMinMacsPerTask / std::max<int64_t>(1, s->depth * out_c));
  const bool pointwise = g.filter_h == 1 && g.filter_w == 1 && g.stride_h == 1 && g.stride_w == 1;
  // Receptive fields as filter_h runs in the input (the packed kernels read
  // their rows of A in that many segments).
  const bool row_layout = !pointwise && s->groups == 1 && g.dilation_w == 1;
  s->segments = row_layout ? g.filter_h : 1;

  const DType ti = in.type, tf = filter.type;
  TFB_SUPPORTED((ti == DType::kF32 && (tf == DType::kF32 || tf == DType::kI8)) ||
                    (ti == DType::kI8 && tf == DType::kI8) || (ti == DType::kU8 && tf == DType::kU8) ||
                    (ti == DType::kI16 && tf == DType::kI8),
                "CONV_2D with %s input and %s filter is not supported", dtype_name(ti), dtype_name(tf));
  if (tf == DType::kF32) {
    s->path = ConvPath::kFloat;
    TFB_RETURN_IF_ERROR(check_float_bias(bias, out_c));
    // The weights are packed here, so they need values.
    if (!ctx.has_values(filter) || (bias && !ctx.has_values(*bias))) return ctx.defer();
    s->f32.resize(s->groups);
    for (int gi = 0; gi < s->groups; ++gi) {
      const int64_t c0 = int64_t{gi} * s->group_out;
      s->f32[gi].pack(s->group_out, s->depth, filter.as<float>() + c0 * s->depth, s->depth, 1,
                      bias ? bias->as<float>() + c0 : nullptr, s->segments);
    }
  } else {
    // Quantized weights and biases are transformed here, so they need values.
    if (!ctx.has_values(filter) || (bias && !ctx.has_values(*bias))) return ctx.defer();
    if (ti == DType::kF32) {
      s->path = ConvPath::kHybrid;
      TFB_RETURN_IF_ERROR(prepare_hybrid(ctx, n, *s));
    } else {
      s->path = ConvPath::kQuantized;
      TFB_RETURN_IF_ERROR(prepare_quantized(ctx, n, *s, opts->fused_activation_function()));
    }
  }

  const int tasks = max_tasks(ctx.pool());
  const bool bytes = !s->q8.empty();
  const bool packed = s->path == ConvPath::kFloat || bytes;
  s->direct = packed && pointwise;
  s->rows = packed && row_layout;
  // Other integer paths build int16 im2col rows (see qgemm.h).
  const size_t in_elt = s->path == ConvPath::kFloat ? sizeof(float) : bytes ? 1 : sizeof(int16_t);
  const size_t acc_elt = in.type == DType::kI16 ? sizeof(int64_t) : sizeof(int32_t);
  s->block_rows = std::clamp<int64_t>(kIm2colBlockBytes / std::max<int64_t>(1, s->depth * in_elt), 4, 1024);
  if (s->direct) s->block_rows = std::max<int64_t>(1, g.out_pixels());
  if (s->rows) {
    // Rows and columns the windows reach, padding included.
    s->padded_h =
        g.pad_top + std::max(g.in_h, (g.out_h - 1) * g.stride_h + (g.filter_h - 1) * g.dilation_h + 1 - g.pad_top);
    s->padded_w = g.pad_left + std::max(g.in_w, (g.out_w - 1) * g.stride_w + g.filter_w - g.pad_left);
    if (s->padded_h != g.in_h || s->padded_w != g.in_w)
      s->padded_slot = ctx.add_scratch(n, in_elt * g.batches * s->padded_h * s->padded_w * g.in_c);
  } else if (!s->direct) {
    s->im2col_slot = ctx.add_scratch(n, tasks * s->block_rows * s->depth * in_elt);
  }
  if (s->path != ConvPath::kFloat && !bytes)
    s->acc_slot = ctx.add_scratch(n, tasks * s->block_rows * s->group_out * acc_elt);
  n.state = std::move(s);
  return ctx.set_shape(out, Shape{g.batches, g.out_h, g.out_w, out_c});
}

// Runs gemm(a, lda, ks_stride, r) for every output row r (batch * out_h +
// oy), split across threads: `a` is the receptive field of the row's first
// pixel in the input (with its padding copied around it when it has any),
// whose filter rows are ks_stride apart; the next pixel's is lda further.
template <class T, class Gemm>
void for_each_output_row(Context& ctx, const Node& n, const Conv2DState& s, const T* in, T pad, Gemm gemm) {
  const ConvGeometry& g = s.g;
  const int64_t row_elems = int64_t{s.padded_w} * g.in_c;
  const T* src = in;
  if (s.padded_slot >= 0) {
    T* padded = reinterpret_cast<T*>(ctx.scratch(n, s.padded_slot));
    const int64_t left = int64_t{g.pad_left} * g.in_c, width = int64_t{g.in_w} * g.in_c;
    auto pad_rows = [&](int64_t r0, int64_t r1) {
      for (int64_t r = r0; r < r1; ++r) {
        T* dst = padded + r * row_elems;
        const int64_t b = r / s.padded_h, y = r % s.padded_h - g.pad_top;
        if (y < 0 || y >= g.in_h) {
          std::fill(dst, dst + row_elems, pad);
          continue;
        }
        std::fill(dst, dst + left, pad);
        std::memcpy(dst + left, in + (b * g.in_h + y) * width, width * sizeof(T));
        std::fill(dst + left + width, dst + row_elems, pad);
      }
    };
    parallel_ranges(ctx.pool(), int64_t{g.batches} * s.padded_h,
                    std::max<int64_t>(1, kMinMacsPerTask / std::max<int64_t>(1, row_elems)), pad_rows);
    src = padded;
  }
  auto rows = [&](int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const int64_t b = r / g.out_h, oy = r % g.out_h;
      gemm(src + (b * s.padded_h + oy * g.stride_h) * row_elems, int64_t{g.stride_w} * g.in_c,
           int64_t{g.dilation_h} * row_elems, r);
    }
  };
  const int64_t row_macs = int64_t{g.out_w} * s.depth * g.out_c;
  parallel_ranges(ctx.pool(), int64_t{g.batches} * g.out_h, std::max<int64_t>(1, kMinMacsPerTask / row_macs), rows);
}

// Runs `gemm(task, a, lda, m, rows, group)` over blocks of output pixels, with
// `a` the block's im2col rows (of type TCol) for the group, or the input rows
// themselves for direct (1x1 stride-1) convolutions.
template <class TCol, class T, class PadFn, class Gemm>
void for_each_block(Context& ctx, const Node& n, const Conv2DState& s, const T* in, PadFn pad, Gemm gemm) {
  const ConvGeometry& g = s.g;
  TCol* col_base = s.direct ? nullptr : reinterpret_cast<TCol*>(ctx.scratch(n, s.im2col_slot));
  parallel_tasks(ctx.pool(), g.out_pixels(), s.grain, [&](int task, int64_t m0, int64_t m1) {
    TCol* col = s.direct ? nullptr : col_base + task * s.block_rows * s.depth;
    for (int64_t m = m0; m < m1; m += s.block_rows) {
      const int rows = static_cast<int>(std::min(s.block_rows, m1 - m));
      for (int gi = 0; gi < s.groups; ++gi) {
        if constexpr (std::is_same_v<T, TCol>) {
          if (s.direct) {
            gemm(task, in + m * g.in_c + gi * s.group_in, int64_t{g.in_c}, m, rows, gi);
            continue;
          }
        }
        im2col(g, in, gi * s.group_in, s.group_in, m, rows, pad, col);
        gemm(task, static_cast<const TCol*>(col), s.depth, m, rows, gi);
      }
    }
  });
}

Status eval_float(Context& ctx, const Node& n, const Conv2DState& s) {
  const float* in = ctx.input(n, 0).as<float>();
  float* out = ctx.output(n, 0).as<float>();
  const int out_c = s.g.out_c;
  if (s.direct && s.groups == 1) {
    s.f32[0].run_parallel(ctx.pool(), s.g.out_pixels(), in, s.g.in_c, out, out_c, s.act);
    return OkStatus();
  }
  if (s.rows) {
    for_each_output_row(ctx, n, s, in, 0.f, [&](const float* a, int64_t lda, int64_t ks_stride, int64_t r) {
      s.f32[0].run(s.g.out_w, a, lda, out + r * s.g.out_w * out_c, out_c, s.act, 0, out_c, ks_stride);
    });
    return OkStatus();
  }
  for_each_block<float>(ctx, n, s, in, [](int) { return 0.f; },
                        [&](int, const float* a, int64_t lda, int64_t m, int rows, int gi) {
                          s.f32[gi].run(rows, a, lda, out + m * out_c + int64_t{gi} * s.group_out, out_c, s.act);
                        });
  return OkStatus();
}

template <class T>
void eval_packed(Context& ctx, const Node& n, const Conv2DState& s) {
  const T* in = ctx.input(n, 0).as<T>();
  T* out = ctx.output(n, 0).as<T>();
  const int out_c = s.g.out_c;
  if (s.direct && s.groups == 1) {
    s.q8[0].run_parallel(ctx.pool(), s.g.out_pixels(), in, s.g.in_c, out, out_c);
    return;
  }
  const T pad = static_cast<T>(ctx.input(n, 0).quant.zp0());
  if (s.rows) {
    for_each_output_row(ctx, n, s, in, pad, [&](const T* a, int64_t lda, int64_t ks_stride, int64_t r) {
      s.q8[0].run(s.g.out_w, a, lda, out + r * s.g.out_w * out_c, out_c, 0, out_c, ks_stride);
    });
    return;
  }
  for_each_block<T>(ctx, n, s, in, [pad](int) { return pad; },
                    [&](int, const T* a, int64_t lda, int64_t m, int rows, int gi) {
                      s.q8[gi].run(rows, a, lda, out + m * out_c + int64_t{gi} * s.group_out, out_c);
                    });
}

template <class TA, class Acc>
void eval_quantized(Context& ctx, const Node& n, const Conv2DState& s, const Acc* bias) {
  const TA pad = static_cast<TA>(ctx.input(n, 0).quant.zp0());
  const int16_t* w = s.weights.data();
  TA* out = ctx.output(n, 0).as<TA>();
  Acc* acc_base = reinterpret_cast<Acc*>(ctx.scratch(n, s.acc_slot));
  const int out_c = s.g.out_c;
  for_each_block<int16_t>(ctx, n, s, ctx.input(n, 0).as<TA>(), [pad](int) { return pad; },
                 [&](int task, const int16_t* a, int64_t lda, int64_t m, int rows, int gi) {
                   const int c0 = gi * s.group_out;
                   Acc* acc = acc_base + task * s.block_rows * s.group_out;
                   qgemm(a, lda, w + c0 * s.depth, s.depth, bias + c0, rows, s.group_out, static_cast<int>(s.depth),
                         acc, s.group_out);
                   for (int r = 0; r < rows; ++r)
                     requantize_row(acc + r * s.group_out, c0, s.group_out, s.rq, out + (m + r) * out_c + c0);
                 });
}

Status eval_hybrid(Context& ctx, const Node& n, const Conv2DState& s) {
  const Tensor& input = ctx.input(n, 0);
  const Tensor* bias = ctx.optional_input(n, 2);
  const ConvGeometry& g = s.g;
  int8_t* q = reinterpret_cast<int8_t*>(ctx.scratch(n, s.quantized_slot));
  auto* rowq = reinterpret_cast<RowQuantization*>(ctx.scratch(n, s.row_quant_slot));
  const int64_t per_batch = int64_t{g.in_h} * g.in_w * g.in_c;
  for (int b = 0; b < g.batches; ++b)
    rowq[b] = quantize_row(s.asymmetric, input.as<float>() + b * per_batch, per_batch, q + b * per_batch);

  const float* fbias = bias ? bias->as<float>() : nullptr;
  float* out = ctx.output(n, 0).as<float>();
  int32_t* acc_base = reinterpret_cast<int32_t*>(ctx.scratch(n, s.acc_slot));
  const int64_t pixels_per_batch = int64_t{g.out_h} * g.out_w;
  for_each_block<int16_t>(ctx, n, s, static_cast<const int8_t*>(q), [rowq](int b) { return rowq[b].zero_point; },
                 [&](int task, const int16_t* a, int64_t lda, int64_t m, int rows, int gi) {
                   const int c0 = gi * s.group_out;
                   int32_t* acc = acc_base + task * s.block_rows * s.group_out;
                   qgemm(a, lda, s.weights.data() + c0 * s.depth, s.depth, s.bias32.data() + c0, rows, s.group_out,
                         static_cast<int>(s.depth), acc, s.group_out);
                   for (int r = 0; r < rows; ++r) {
                     const RowQuantization& rq = rowq[(m + r) / pixels_per_batch];
                     const int32_t* ar = acc + r * s.group_out;
                     float* o = out + (m + r) * g.out_c + c0;
                     for (int c = 0; c < s.group_out; ++c) {
                       const int64_t sum = ar[c] - int64_t{rq.zero_point} * s.weight_sums[c0 + c];
                       float v = static_cast<float>(sum) * (rq.scale * s.channel_scale[c0 + c]);
                       if (fbias) v += fbias[c0 + c];
                       o[c] = std::clamp(v, s.act.min, s.act.max);
                     }
                   }
                 });
  return OkStatus();
}

Status conv_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<Conv2DState>();
  switch (s.path) {
    case ConvPath::kFloat: return eval_float(ctx, n, s);
    case ConvPath::kHybrid: return eval_hybrid(ctx, n, s);
    case ConvPath::kQuantized: break;
  }
  if (!s.q8.empty()) {
    if (ctx.input(n, 0).type == DType::kI8) eval_packed<int8_t>(ctx, n, s);
    else eval_packed<uint8_t>(ctx, n, s);
    return OkStatus();
  }
  switch (ctx.input(n, 0).type) {
    case DType::kI8: eval_quantized<int8_t>(ctx, n, s, s.bias32.data()); break;
    case DType::kU8: eval_quantized<uint8_t>(ctx, n, s, s.bias32.data()); break;
    default: eval_quantized<int16_t>(ctx, n, s, s.bias64.data()); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_CONV_2D = {tflfb::BuiltinOperator_CONV_2D, nullptr, "CONV_2D", 8, kPure,
                                     "f32 i8 u8 i16/wi8 f32/wi8", conv_prepare, conv_eval};

}  // namespace tfb
