#include "kernels/pooling.h"

#include <limits>

#include "kernels/quant_params.h"

namespace tfb {

Status pool_prepare(Context& ctx, Node& n, PoolKind kind) {
  const char* op = kind == PoolKind::kAverage ? "AVERAGE_POOL_2D" : "MAX_POOL_2D";
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_SUPPORTED(in.type == DType::kF32 || in.type == DType::kI8 || in.type == DType::kU8 || in.type == DType::kI16,
                "%s on %s is not supported", op, dtype_name(in.type));
  TFB_REQUIRE(in.rank() == 4, "%s input must be 4-D (NHWC), is %s", op, in.shape.str().c_str());
  auto* o = n.options<tflfb::Pool2DOptions>();
  TFB_REQUIRE(o, "%s has no Pool2DOptions", op);
  // The upper bound keeps the window arithmetic far from int overflow.
  constexpr int kMaxWindow = 1 << 24;
  auto in_range = [](int v) { return v > 0 && v <= kMaxWindow; };
  TFB_REQUIRE(in_range(o->filter_height()) && in_range(o->filter_width()) && in_range(o->stride_h()) &&
                  in_range(o->stride_w()),
              "%s filter %dx%d and stride %dx%d must be positive and at most %d", op, o->filter_height(),
              o->filter_width(), o->stride_h(), o->stride_w(), kMaxWindow);
  TFB_REQUIRE(o->padding() == tflfb::Padding_SAME || o->padding() == tflfb::Padding_VALID, "%s padding %d is unknown",
              op, static_cast<int>(o->padding()));
  const auto act = o->fused_activation_function();
  TFB_RETURN_IF_ERROR(check_fusable(act));
  auto s = std::make_unique<PoolState>();
  PoolGeometry& g = s->g;
  g.batches = in.dim(0);
  g.in_h = in.dim(1);
  g.in_w = in.dim(2);
  g.depth = in.dim(3);
  g.filter_h = o->filter_height();
  g.filter_w = o->filter_width();
  g.stride_h = o->stride_h();
  g.stride_w = o->stride_w();
  g.pad = compute_padding(o->padding(), g.in_h, g.in_w, g.filter_h, g.filter_w, g.stride_h, g.stride_w);
  s->act = activation_range(act);
  if (in.type != DType::kF32) {
    TFB_RETURN_IF_ERROR(require_per_tensor_quant(out, "output"));
    s->int_act = quantized_activation_range(act, out);
    // Quantized pooling accumulates one output pixel per channel in int32.
    ctx.add_scratch(n, sizeof(int32_t) * static_cast<size_t>(std::max(g.depth, 1)));
  }
  n.state = std::move(s);
  return ctx.set_shape(out, Shape{in.dim(0), g.pad.out_h, g.pad.out_w, in.dim(3)});
}

namespace {

template <PoolKind kKind>
void pool_float(const PoolState& s, const float* in, float* out) {
  const PoolGeometry& g = s.g;
  const int64_t d = g.depth;
  for (int b = 0; b < g.batches; ++b) {
    const float* image = in + int64_t{b} * g.in_h * g.in_w * d;
    for (int oy = 0; oy < g.pad.out_h; ++oy) {
      for (int ox = 0; ox < g.pad.out_w; ++ox, out += d) {
        const PoolWindow w = pool_window(g, oy, ox);
        const float init = kKind == PoolKind::kMax ? std::numeric_limits<float>::lowest() : 0.f;
        for (int64_t c = 0; c < d; ++c) out[c] = init;
        for (int y = w.y0; y < w.y1; ++y) {
          for (int x = w.x0; x < w.x1; ++x) {
            const float* px = image + (int64_t{y} * g.in_w + x) * d;
            if constexpr (kKind == PoolKind::kMax) {
              for (int64_t c = 0; c < d; ++c) out[c] = std::max(out[c], px[c]);
            } else {
              for (int64_t c = 0; c < d; ++c) out[c] += px[c];
            }
          }
        }
        const int count = (w.y1 - w.y0) * (w.x1 - w.x0);
        const float scale = kKind == PoolKind::kAverage && count > 0 ? 1.f / static_cast<float>(count) : 1.f;
        const float lo = s.act.min, hi = s.act.max;
        if constexpr (kKind == PoolKind::kAverage) {
          for (int64_t c = 0; c < d; ++c) out[c] = std::clamp(out[c] * scale, lo, hi);
        } else {
          for (int64_t c = 0; c < d; ++c) out[c] = std::clamp(out[c], lo, hi);
        }
      }
    }
  }
}

template <PoolKind kKind, class T>
void pool_quantized(const PoolState& s, const T* in, T* out, int32_t* acc) {
  const PoolGeometry& g = s.g;
  const int64_t d = g.depth;
  const int32_t lo = s.int_act.min, hi = s.int_act.max;
  for (int b = 0; b < g.batches; ++b) {
    const T* image = in + int64_t{b} * g.in_h * g.in_w * d;
    for (int oy = 0; oy < g.pad.out_h; ++oy) {
      for (int ox = 0; ox < g.pad.out_w; ++ox, out += d) {
        const PoolWindow w = pool_window(g, oy, ox);
        const int32_t init = kKind == PoolKind::kMax ? std::numeric_limits<T>::lowest() : 0;
        for (int64_t c = 0; c < d; ++c) acc[c] = init;
        for (int y = w.y0; y < w.y1; ++y) {
          for (int x = w.x0; x < w.x1; ++x) {
            const T* px = image + (int64_t{y} * g.in_w + x) * d;
            if constexpr (kKind == PoolKind::kMax) {
              for (int64_t c = 0; c < d; ++c) acc[c] = std::max(acc[c], int32_t{px[c]});
            } else {
              for (int64_t c = 0; c < d; ++c) acc[c] += px[c];
            }
          }
        }
        if constexpr (kKind == PoolKind::kAverage) {
          const int32_t count = std::max((w.y1 - w.y0) * (w.x1 - w.x0), 1);
          const int32_t half = count / 2;
          for (int64_t c = 0; c < d; ++c) {
            const int32_t a = acc[c];
            acc[c] = a > 0 ? (a + half) / count : (a - half) / count;  // half away from zero
          }
        }
        for (int64_t c = 0; c < d; ++c) out[c] = static_cast<T>(std::clamp(acc[c], lo, hi));
      }
    }
  }
}

template <PoolKind kKind>
void pool_dispatch(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const auto& s = n.state_as<PoolState>();
  if (in.type == DType::kF32) return pool_float<kKind>(s, in.as<float>(), out.as<float>());
  int32_t* acc = reinterpret_cast<int32_t*>(ctx.scratch(n, 0));
  switch (in.type) {
    case DType::kI8: pool_quantized<kKind>(s, in.as<int8_t>(), out.as<int8_t>(), acc); break;
    case DType::kU8: pool_quantized<kKind>(s, in.as<uint8_t>(), out.as<uint8_t>(), acc); break;
    default: pool_quantized<kKind>(s, in.as<int16_t>(), out.as<int16_t>(), acc); break;
  }
}

}  // namespace

Status pool_eval(Context& ctx, Node& n, PoolKind kind) {
  if (kind == PoolKind::kAverage) {
    pool_dispatch<PoolKind::kAverage>(ctx, n);
  } else {
    pool_dispatch<PoolKind::kMax>(ctx, n);
  }
  return OkStatus();
}

}  // namespace tfb
