// FULLY_CONNECTED: out[b, u] = sum_k in[b, k] * filter[u, k] + bias[u], the
// input read as rows of filter depth. Variants:
//   float                 f32 GEMM microkernels on weights packed in prepare;
//                         one input row and a filter of 1 MiB or more: a
//                         matrix-vector kernel on the filter as the model holds it
//   int8, uint8           8-bit GEMM microkernels on packed weights with a fused
//                         requantization (XNNPACK's float arithmetic); where no
//                         such kernel applies, an int16 GEMM with the same
//                         arithmetic
//   int16 x int8          integer GEMM with int64 sums, TFLite's fixed point
//   hybrid                float rows quantized one by one (symmetric, or
//                         asymmetric with asymmetric_quantize_inputs), int8
//                         weights per tensor or per channel
#include "dispatch/gemv_config.h"
#include "kernels/f32_gemm.h"
#include "kernels/hybrid_quantize.h"
#include "kernels/kernel_util.h"
#include "kernels/layer_checks.h"
#include "kernels/parallel_tasks.h"
#include "kernels/qgemm.h"
#include "kernels/qs8_gemm.h"
#include "kernels/quantized_weights.h"
#include "kernels/requantize.h"

namespace tfb {
namespace {

// Rows of integer sums kept per task before requantization.
constexpr int64_t kBlockRows = 64;
// Float filters from this size on are read in place when the input is one row.
constexpr int64_t kGemvMinFilterBytes = int64_t{1} << 20;

enum class FcPath { kFloat, kQuantized, kHybrid };

struct FullyConnectedState : KernelState {
  FcPath path = FcPath::kFloat;
  int64_t batches = 0, units = 0, depth = 0;
  FloatRange act;
  F32GemvKernel gemv;   // float, one row: reads the filter in place
  F32Gemm f32;          // float, else: packed weights
  bool packed = false;  // int8 / uint8 on the packed kernels
  QS8Gemm q8;
  // quantized and hybrid
  Requantization rq;
  std::vector<int16_t> weights;  // filter minus its zero point
  std::vector<int32_t> bias32;  // int8 / uint8: input zero point folded in; hybrid: zeros
  std::vector<int64_t> bias64;  // int16
  int acc_slot = -1, rows_slot = -1;  // per task: sums, input rows widened to int16
  // hybrid
  bool asymmetric = false;
  std::vector<float> channel_scale;
  std::vector<int64_t> weight_sums;
  int quantized_slot = -1, row_quant_slot = -1;
};

Status prepare_quantized(Context& ctx, Node& n, FullyConnectedState& s, tflfb::ActivationFunctionType act) {
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor& out = ctx.output(n, 0);
  const bool wide = in.type == DType::kI16;
  TFB_RETURN_IF_ERROR(check_filter_axis(filter, 0));
  TFB_RETURN_IF_ERROR(make_requantization(
      wide ? Requantization::Arithmetic::kFixedPoint : Requantization::Arithmetic::kFloatScale, in, filter, out,
      static_cast<int>(s.units), act, &s.rq));
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  const int32_t in_zp = in.quant.zp0();
  const Tensor* bias = ctx.optional_input(n, 2);
  std::vector<int64_t> raw_bias;
  TFB_RETURN_IF_ERROR(read_bias(bias, s.units, &raw_bias));
  TFB_RETURN_IF_ERROR(check_accumulator_range(w, s.units, s.depth, s.depth, 1, raw_bias,
                                              wide ? kMaxAbs16BitInput : kMaxAbs8BitInput,
                                              wide ? kInt64AccLimit : kInt32Limit));
  if (!wide && QS8Gemm::applies()) {
    s.packed = true;
    s.q8.pack(s.units, s.depth, w, s.depth, 1, raw_bias, in.type, in_zp, s.rq, 0);
    return OkStatus();
  }
  TFB_RETURN_IF_ERROR(widen_filter(filter, &s.weights));
  const std::vector<int64_t> sums = weight_row_sums(w, s.units, s.depth);
  return wide ? fold_bias(bias, sums, in_zp, &s.bias64) : fold_bias(bias, sums, in_zp, &s.bias32);
}

Status prepare_hybrid(Context& ctx, Node& n, FullyConnectedState& s, bool asymmetric) {
  const Tensor& filter = ctx.input(n, 1);
  TFB_RETURN_IF_ERROR(hybrid_filter_scales(filter, s.units, 0, &s.channel_scale));
  s.asymmetric = asymmetric;
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  TFB_RETURN_IF_ERROR(check_accumulator_range(w, s.units, s.depth, s.depth, 1, {}, kMaxAbs8BitInput, kInt32Limit));
  TFB_RETURN_IF_ERROR(widen_filter(filter, &s.weights));
  s.weight_sums = weight_row_sums(w, s.units, s.depth);
  s.bias32.assign(s.units, 0);
  s.quantized_slot = ctx.add_scratch(n, static_cast<size_t>(s.batches * s.depth));
  s.row_quant_slot = ctx.add_scratch(n, sizeof(RowQuantization) * s.batches);
  return OkStatus();
}

Status fully_connected_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 3, 1));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE(filter.rank() == 2, "filter must be 2-D, is %s", filter.shape.str().c_str());
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  auto* opts = n.options<tflfb::FullyConnectedOptions>();
  TFB_SUPPORTED(!opts || opts->weights_format() == tflfb::FullyConnectedOptionsWeightsFormat_DEFAULT,
                "shuffled weights format is not supported");
  TFB_SUPPORTED(!filter.sparsity, "sparse weights are not supported");
  auto act = opts ? opts->fused_activation_function() : tflfb::ActivationFunctionType_NONE;
  TFB_RETURN_IF_ERROR(check_fusable(act));
  const DType ti = in.type, tf = filter.type;
  TFB_SUPPORTED((ti == DType::kF32 && (tf == DType::kF32 || tf == DType::kI8)) ||
                    (ti == DType::kI8 && tf == DType::kI8) || (ti == DType::kU8 && tf == DType::kU8) ||
                    (ti == DType::kI16 && tf == DType::kI8),
                "FULLY_CONNECTED with %s input and %s filter is not supported", dtype_name(ti), dtype_name(tf));

  auto s = std::make_unique<FullyConnectedState>();
  s->units = filter.dim(0);
  s->depth = filter.dim(1);
  TFB_REQUIRE(s->depth > 0 && in.count() % s->depth == 0, "input %s does not divide into rows of %lld",
              in.shape.str().c_str(), static_cast<long long>(s->depth));
  s->batches = in.count() / s->depth;
  s->act = activation_range(act);
  const bool keep_dims = opts && opts->keep_num_dims();
  if (keep_dims)
    TFB_REQUIRE(in.rank() >= 1 && in.dim(in.rank() - 1) == s->depth, "keep_num_dims needs input %s to end in %lld",
                in.shape.str().c_str(), static_cast<long long>(s->depth));

  if (tf == DType::kF32) {
    s->path = FcPath::kFloat;
    TFB_RETURN_IF_ERROR(check_float_bias(bias, s->units));
    // The weights are packed here, so they need values.
    if (!ctx.has_values(filter) || (bias && !ctx.has_values(*bias))) return ctx.defer();
    // A large filter read once per inference bounds the layer either way;
    // packing it would only keep it in memory twice.
    const bool large = s->units * s->depth * int64_t{sizeof(float)} >= kGemvMinFilterBytes;
    if (s->batches == 1 && large) s->gemv = f32_gemv_kernel();
    if (!s->gemv.ukernel)
      s->f32.pack(s->units, s->depth, filter.as<float>(), s->depth, 1, bias ? bias->as<float>() : nullptr);
  } else {
    if (!ctx.has_values(filter) || (bias && !ctx.has_values(*bias))) return ctx.defer();
    if (ti == DType::kF32) {
      s->path = FcPath::kHybrid;
      TFB_RETURN_IF_ERROR(check_float_bias(bias, s->units));
      TFB_RETURN_IF_ERROR(prepare_hybrid(ctx, n, *s, opts && opts->asymmetric_quantize_inputs()));
    } else {
      s->path = FcPath::kQuantized;
      TFB_RETURN_IF_ERROR(prepare_quantized(ctx, n, *s, act));
    }
    if (!s->packed) {
      const size_t acc_elt = ti == DType::kI16 ? sizeof(int64_t) : sizeof(int32_t);
      s->acc_slot = ctx.add_scratch(n, acc_elt * max_tasks(ctx.pool()) * kBlockRows * s->units);
      s->rows_slot = ctx.add_scratch(n, sizeof(int16_t) * max_tasks(ctx.pool()) * kBlockRows * s->depth);
    }
  }

  Shape shape;
  if (keep_dims) {
    shape = in.shape;
    shape.dim[shape.rank - 1] = static_cast<int32_t>(s->units);
  } else {
    shape = Shape{static_cast<int32_t>(s->batches), static_cast<int32_t>(s->units)};
  }
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

// Splits the batches x units output among threads, along batches when there
// are enough rows, else along units; calls block(task, b0, b1, u0, u1).
template <class Block>
void for_each_block(Context& ctx, const FullyConnectedState& s, Block block) {
  const int64_t grain_macs = std::max<int64_t>(1, kMinMacsPerTask / std::max<int64_t>(1, s.depth));
  if (s.batches >= 2 * max_tasks(ctx.pool())) {
    parallel_tasks(ctx.pool(), s.batches, std::max<int64_t>(1, grain_macs / std::max<int64_t>(1, s.units)),
                   [&](int task, int64_t b0, int64_t b1) { block(task, b0, b1, int64_t{0}, s.units); });
  } else {
    parallel_tasks(ctx.pool(), s.units, std::max<int64_t>(1, grain_macs / std::max<int64_t>(1, s.batches)),
                   [&](int task, int64_t u0, int64_t u1) { block(task, int64_t{0}, s.batches, u0, u1); });
  }
}

Status eval_float(Context& ctx, const Node& n, const FullyConnectedState& s) {
  if (s.gemv.ukernel) {
    const float* w = ctx.input(n, 1).as<float>();
    const Tensor* bias = ctx.optional_input(n, 2);
    const float* x = ctx.input(n, 0).as<float>();
    float* out = ctx.output(n, 0).as<float>();
    const F32MinMax act{s.act.min, s.act.max};
    for_each_block(ctx, s, [&](int, int64_t, int64_t, int64_t u0, int64_t u1) {
      s.gemv.ukernel(static_cast<size_t>(u1 - u0), static_cast<size_t>(s.depth), w + u0 * s.depth, x,
                     bias ? bias->as<float>() + u0 : nullptr, out + u0, act);
    });
    return OkStatus();
  }
  s.f32.run_parallel(ctx.pool(), s.batches, ctx.input(n, 0).as<float>(), s.depth, ctx.output(n, 0).as<float>(),
                     s.units, s.act);
  return OkStatus();
}

// Integer sums of rows [b0, b1) x units [u0, u1) in blocks, each block then
// handed to finish(acc, b, rows, u0, cols) (acc row stride = cols).
template <class TA, class Acc, class Finish>
void integer_blocks(Context& ctx, const Node& n, const FullyConnectedState& s, const TA* a, const Acc* bias,
                    Finish finish) {
  Acc* acc_base = reinterpret_cast<Acc*>(ctx.scratch(n, s.acc_slot));
  int16_t* rows_base = reinterpret_cast<int16_t*>(ctx.scratch(n, s.rows_slot));
  const int16_t* w = s.weights.data();
  for_each_block(ctx, s, [&](int task, int64_t b0, int64_t b1, int64_t u0, int64_t u1) {
    Acc* acc = acc_base + task * kBlockRows * s.units;
    int16_t* a16 = rows_base + task * kBlockRows * s.depth;
    const int cols = static_cast<int>(u1 - u0);
    for (int64_t b = b0; b < b1; b += kBlockRows) {
      const int rows = static_cast<int>(std::min(kBlockRows, b1 - b));
      widen_rows(a + b * s.depth, s.depth, rows, s.depth, a16);
      qgemm(a16, s.depth, w + u0 * s.depth, s.depth, bias + u0, rows, cols, static_cast<int>(s.depth), acc, cols);
      finish(acc, b, rows, u0, cols);
    }
  });
}

template <class T, class Acc>
void eval_quantized(Context& ctx, const Node& n, const FullyConnectedState& s, const Acc* bias) {
  T* out = ctx.output(n, 0).as<T>();
  integer_blocks(ctx, n, s, ctx.input(n, 0).as<T>(), bias,
                 [&](const Acc* acc, int64_t b, int rows, int64_t u0, int cols) {
                   for (int r = 0; r < rows; ++r)
                     requantize_row(acc + r * cols, static_cast<int>(u0), cols, s.rq, out + (b + r) * s.units + u0);
                 });
}

Status eval_hybrid(Context& ctx, const Node& n, const FullyConnectedState& s) {
  const float* in = ctx.input(n, 0).as<float>();
  const Tensor* bias = ctx.optional_input(n, 2);
  const float* fbias = bias ? bias->as<float>() : nullptr;
  float* out = ctx.output(n, 0).as<float>();
  int8_t* q = reinterpret_cast<int8_t*>(ctx.scratch(n, s.quantized_slot));
  auto* rowq = reinterpret_cast<RowQuantization*>(ctx.scratch(n, s.row_quant_slot));
  for (int64_t b = 0; b < s.batches; ++b) rowq[b] = quantize_row(s.asymmetric, in + b * s.depth, s.depth, q + b * s.depth);
  integer_blocks(ctx, n, s, static_cast<const int8_t*>(q), s.bias32.data(),
                 [&](const int32_t* acc, int64_t b, int rows, int64_t u0, int cols) {
                   for (int r = 0; r < rows; ++r) {
                     const RowQuantization& rq = rowq[b + r];
                     float* o = out + (b + r) * s.units + u0;
                     for (int c = 0; c < cols; ++c) {
                       const int64_t u = u0 + c;
                       const int64_t sum = acc[r * cols + c] - int64_t{rq.zero_point} * s.weight_sums[u];
                       float v = static_cast<float>(sum) * (rq.scale * s.channel_scale[u]);
                       if (fbias) v += fbias[u];
                       o[c] = std::clamp(v, s.act.min, s.act.max);
                     }
                   }
                 });
  return OkStatus();
}

Status fully_connected_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<FullyConnectedState>();
  switch (s.path) {
    case FcPath::kFloat: return eval_float(ctx, n, s);
    case FcPath::kHybrid: return eval_hybrid(ctx, n, s);
    case FcPath::kQuantized: break;
  }
  if (s.packed) {
    s.q8.run_parallel(ctx.pool(), s.batches, ctx.input(n, 0).data, s.depth, ctx.output(n, 0).data, s.units);
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

extern const KernelDef op_FULLY_CONNECTED = {tflfb::BuiltinOperator_FULLY_CONNECTED,
                                             nullptr,
                                             "FULLY_CONNECTED",
                                             12,
                                             kPure,
                                             "f32 i8 u8 i16/wi8 f32/wi8",
                                             fully_connected_prepare,
                                             fully_connected_eval};

}  // namespace tfb
