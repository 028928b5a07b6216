// TRANSPOSE_CONV: inputs (output_shape, filter [out_c, kh, kw, in_c], input,
// optional bias). Every input pixel scatters input x filter into the output
// window it maps to. Computed in two passes: a matrix product giving, per
// input pixel, its contribution to every (ky, kx, out_c), then a gather that
// sums for each output pixel the contributions that land on it. Variants:
// float; int8, uint8 and int16 x int8 with TFLite's fixed-point
// requantization (TFLite runs this op in its builtin kernels, not XNNPACK).
#include <cstring>

#include "kernels/conv_geometry.h"
#include "kernels/f32_gemm.h"
#include "kernels/kernel_util.h"
#include "kernels/layer_checks.h"
#include "kernels/parallel_tasks.h"
#include "kernels/qgemm.h"
#include "kernels/quantized_weights.h"
#include "kernels/requantize.h"

namespace tfb {
namespace {

// Input pixels multiplied at once per task.
constexpr int64_t kBlockRows = 64;

struct TransposeConvState : KernelState {
  ConvGeometry g;
  int64_t cols = 0;  // columns of the contribution matrix: kh x kw x out_c
  FloatRange act;
  bool quantized = false;
  F32Gemm f32;                    // float: the filter as contribution-matrix rows
  std::vector<int16_t> weights;   // quantized filter in that order, minus its zero point
  std::vector<int32_t> col_bias32;  // -input_zp x row sums: the zero-point term of each column
  std::vector<int64_t> col_bias64;
  std::vector<int64_t> bias;  // quantized layer bias
  Requantization rq;
  int col_slot = -1, acc_slot = -1, rows_slot = -1;
};

// Filter [out_c][kh][kw][in_c] -> [kh][kw][out_c][in_c]: row (ky, kx, oc) of
// the contribution matrix.
template <class T>
std::vector<T> reorder_filter(const T* f, const ConvGeometry& g) {
  std::vector<T> r(static_cast<size_t>(int64_t{g.out_c} * g.taps() * g.in_c));
  for (int oc = 0; oc < g.out_c; ++oc)
    for (int t = 0; t < g.taps(); ++t)
      std::memcpy(&r[(int64_t{t} * g.out_c + oc) * g.in_c], f + (int64_t{oc} * g.taps() + t) * g.in_c,
                  g.in_c * sizeof(T));
  return r;
}

Status prepare_quantized(Context& ctx, Node& n, TransposeConvState& s, tflfb::ActivationFunctionType act) {
  const Tensor& filter = ctx.input(n, 1);
  const Tensor& in = ctx.input(n, 2);
  const Tensor* bias = ctx.optional_input(n, 3);
  const Tensor& out = ctx.output(n, 0);
  const bool wide = in.type == DType::kI16;
  TFB_RETURN_IF_ERROR(check_filter_axis(filter, 0));
  TFB_RETURN_IF_ERROR(
      make_requantization(Requantization::Arithmetic::kFixedPoint, in, filter, out, s.g.out_c, act, &s.rq));
  QuantFilter w;
  TFB_RETURN_IF_ERROR(view_filter(filter, &w));
  TFB_RETURN_IF_ERROR(read_bias(bias, s.g.out_c, &s.bias));
  const int64_t depth = int64_t{s.g.taps()} * s.g.in_c;
  TFB_RETURN_IF_ERROR(check_accumulator_range(w, s.g.out_c, depth, depth, 1, s.bias,
                                              wide ? kMaxAbs16BitInput : kMaxAbs8BitInput,
                                              wide ? kInt64AccLimit : kInt32Limit));
  std::vector<int16_t> widened;
  TFB_RETURN_IF_ERROR(widen_filter(filter, &widened));
  s.weights = reorder_filter(widened.data(), s.g);
  const std::vector<int64_t> sums = weight_row_sums(s.weights, s.cols, s.g.in_c);
  const int32_t in_zp = in.quant.zp0();
  return wide ? fold_bias(nullptr, sums, in_zp, &s.col_bias64) : fold_bias(nullptr, sums, in_zp, &s.col_bias32);
}

Status transpose_conv_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 3, 4, 1));
  const Tensor& shape_t = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor& in = ctx.input(n, 2);
  const Tensor* bias = ctx.optional_input(n, 3);
  Tensor& out = ctx.output(n, 0);
  auto* opts = n.options<tflfb::TransposeConvOptions>();
  TFB_REQUIRE(opts, "TransposeConvOptions are missing");
  TFB_REQUIRE_TYPE(shape_t, DType::kI32, "output_shape");
  TFB_REQUIRE(shape_t.count() == 4, "output_shape must hold 4 values, has %lld", static_cast<long long>(shape_t.count()));
  TFB_REQUIRE(in.rank() == 4, "input must be 4-D, is %s", in.shape.str().c_str());
  TFB_REQUIRE(filter.rank() == 4, "filter must be 4-D, is %s", filter.shape.str().c_str());
  TFB_REQUIRE(filter.dim(3) == in.dim(3), "filter has %d input channels, input %d", filter.dim(3), in.dim(3));
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_fusable(opts->fused_activation_function()));
  const DType ti = in.type, tf = filter.type;
  TFB_SUPPORTED((ti == DType::kF32 && tf == DType::kF32) || (ti == DType::kI8 && tf == DType::kI8) ||
                    (ti == DType::kU8 && tf == DType::kU8) || (ti == DType::kI16 && tf == DType::kI8),
                "TRANSPOSE_CONV with %s input and %s filter is not supported", dtype_name(ti), dtype_name(tf));
  // The output size, and the reordered filter, need values.
  if (!ctx.has_values(shape_t) || !ctx.has_values(filter) || (bias && !ctx.has_values(*bias))) return ctx.defer();

  int32_t out_nhwc[4];
  for (int i = 0; i < 4; ++i) out_nhwc[i] = shape_t.as<int32_t>()[i];
  TFB_REQUIRE(out_nhwc[0] == in.dim(0) && out_nhwc[3] == filter.dim(0) && out_nhwc[1] > 0 && out_nhwc[2] > 0,
              "output_shape [%d, %d, %d, %d] does not fit input %s and filter %s", out_nhwc[0], out_nhwc[1],
              out_nhwc[2], out_nhwc[3], in.shape.str().c_str(), filter.shape.str().c_str());
  auto s = std::make_unique<TransposeConvState>();
  WindowOptions w{opts->padding(), opts->stride_h(), opts->stride_w(), 1, 1};
  TFB_RETURN_IF_ERROR(transpose_conv_geometry(in.shape.dim, out_nhwc, filter.dim(1), filter.dim(2), w, &s->g));
  const ConvGeometry& g = s->g;
  s->cols = int64_t{g.taps()} * g.out_c;
  s->act = activation_range(opts->fused_activation_function());
  const int64_t in_pixels = int64_t{g.batches} * g.in_h * g.in_w;
  if (ti == DType::kF32) {
    TFB_RETURN_IF_ERROR(check_float_bias(bias, g.out_c));
    const std::vector<float> rows = reorder_filter(filter.as<float>(), g);
    s->f32.pack(s->cols, g.in_c, rows.data(), g.in_c, 1, nullptr);
    s->col_slot = ctx.add_scratch(n, sizeof(float) * in_pixels * s->cols);
  } else {
    s->quantized = true;
    TFB_RETURN_IF_ERROR(prepare_quantized(ctx, n, *s, opts->fused_activation_function()));
    const size_t acc_elt = ti == DType::kI16 ? sizeof(int64_t) : sizeof(int32_t);
    s->col_slot = ctx.add_scratch(n, acc_elt * in_pixels * s->cols);
    s->acc_slot = ctx.add_scratch(n, acc_elt * max_tasks(ctx.pool()) * g.out_c);
    s->rows_slot = ctx.add_scratch(n, sizeof(int16_t) * max_tasks(ctx.pool()) * kBlockRows * g.in_c);
  }
  n.state = std::move(s);
  return ctx.set_shape(out, Shape{out_nhwc[0], out_nhwc[1], out_nhwc[2], out_nhwc[3]});
}

// Pass 1: col[p][(ky, kx, oc)] for every input pixel p, split across threads
// and done kBlockRows pixels at a time by gemm(task, p, rows).
template <class Gemm>
void contributions(Context& ctx, const TransposeConvState& s, Gemm gemm) {
  const ConvGeometry& g = s.g;
  const int64_t grain = std::max<int64_t>(1, kMinMacsPerTask / std::max<int64_t>(1, s.cols * g.in_c));
  parallel_tasks(ctx.pool(), int64_t{g.batches} * g.in_h * g.in_w, grain, [&](int task, int64_t p0, int64_t p1) {
    for (int64_t p = p0; p < p1; p += kBlockRows) gemm(task, p, static_cast<int>(std::min(kBlockRows, p1 - p)));
  });
}

// Pass 2: for every output pixel, add(sum_row, contribution_row) for each
// contribution that lands on it, then finish(task, sums, pixel).
template <class Acc, class Init, class Finish>
void gather(Context& ctx, const TransposeConvState& s, const Acc* col, Acc* sums_base, Init init, Finish finish) {
  const ConvGeometry& g = s.g;
  const int64_t grain = std::max<int64_t>(1, kMinMacsPerTask / std::max<int64_t>(1, int64_t{g.out_w} * s.cols));
  parallel_tasks(ctx.pool(), int64_t{g.batches} * g.out_h, grain, [&](int task, int64_t r0, int64_t r1) {
    for (int64_t r = r0; r < r1; ++r) {
      const int b = static_cast<int>(r / g.out_h), oy = static_cast<int>(r % g.out_h);
      for (int ox = 0; ox < g.out_w; ++ox) {
        const int64_t pixel = r * g.out_w + ox;
        Acc* sums = sums_base ? sums_base + int64_t{task} * g.out_c : nullptr;
        Acc* dst = init(sums, pixel);
        for (int ky = 0; ky < g.filter_h; ++ky) {
          const int ty = oy + g.pad_top - ky;
          if (ty < 0 || ty % g.stride_h != 0 || ty / g.stride_h >= g.in_h) continue;
          for (int kx = 0; kx < g.filter_w; ++kx) {
            const int tx = ox + g.pad_left - kx;
            if (tx < 0 || tx % g.stride_w != 0 || tx / g.stride_w >= g.in_w) continue;
            const int64_t p = (int64_t{b} * g.in_h + ty / g.stride_h) * g.in_w + tx / g.stride_w;
            const Acc* c = col + p * s.cols + (int64_t{ky} * g.filter_w + kx) * g.out_c;
            for (int oc = 0; oc < g.out_c; ++oc) dst[oc] += c[oc];
          }
        }
        finish(dst, pixel);
      }
    }
  });
}

Status eval_float(Context& ctx, const Node& n, const TransposeConvState& s) {
  const Tensor* bias = ctx.optional_input(n, 3);
  const float* in = ctx.input(n, 2).as<float>();
  float* out = ctx.output(n, 0).as<float>();
  float* col = reinterpret_cast<float*>(ctx.scratch(n, s.col_slot));
  const int in_c = s.g.in_c, out_c = s.g.out_c;
  contributions(ctx, s, [&](int, int64_t p, int rows) {
    s.f32.run(rows, in + p * in_c, in_c, col + p * s.cols, s.cols,
              activation_range(tflfb::ActivationFunctionType_NONE));
  });
  gather<float>(
      ctx, s, col, nullptr,
      [&](float*, int64_t pixel) {
        float* o = out + pixel * out_c;
        for (int oc = 0; oc < out_c; ++oc) o[oc] = bias ? bias->as<float>()[oc] : 0.f;
        return o;
      },
      [&](float* o, int64_t) {
        for (int oc = 0; oc < out_c; ++oc) o[oc] = std::clamp(o[oc], s.act.min, s.act.max);
      });
  return OkStatus();
}

template <class T, class Acc>
void eval_quantized(Context& ctx, const Node& n, const TransposeConvState& s, const Acc* col_bias) {
  const T* in = ctx.input(n, 2).as<T>();
  T* out = ctx.output(n, 0).as<T>();
  Acc* col = reinterpret_cast<Acc*>(ctx.scratch(n, s.col_slot));
  Acc* sums = reinterpret_cast<Acc*>(ctx.scratch(n, s.acc_slot));
  const int in_c = s.g.in_c, out_c = s.g.out_c;
  int16_t* rows_base = reinterpret_cast<int16_t*>(ctx.scratch(n, s.rows_slot));
  contributions(ctx, s, [&](int task, int64_t p, int rows) {
    int16_t* a16 = rows_base + task * kBlockRows * in_c;
    widen_rows(in + p * in_c, in_c, rows, in_c, a16);
    qgemm(a16, in_c, s.weights.data(), in_c, col_bias, rows, static_cast<int>(s.cols), in_c, col + p * s.cols, s.cols);
  });
  gather<Acc>(
      ctx, s, col, sums,
      [&](Acc* acc, int64_t) {
        for (int oc = 0; oc < out_c; ++oc) acc[oc] = static_cast<Acc>(s.bias[oc]);
        return acc;
      },
      [&](Acc* acc, int64_t pixel) { requantize_row(acc, 0, out_c, s.rq, out + pixel * out_c); });
}

Status transpose_conv_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<TransposeConvState>();
  if (!s.quantized) return eval_float(ctx, n, s);
  switch (ctx.input(n, 2).type) {
    case DType::kI8: eval_quantized<int8_t>(ctx, n, s, s.col_bias32.data()); break;
    case DType::kU8: eval_quantized<uint8_t>(ctx, n, s, s.col_bias32.data()); break;
    default: eval_quantized<int16_t>(ctx, n, s, s.col_bias64.data()); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_TRANSPOSE_CONV = {tflfb::BuiltinOperator_TRANSPOSE_CONV,
                                            nullptr,
                                            "TRANSPOSE_CONV",
                                            5,
                                            kPure,
                                            "f32 i8 u8 i16/wi8",
                                            transpose_conv_prepare,
                                            transpose_conv_eval};

}  // namespace tfb
