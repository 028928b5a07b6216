// RESIZE_BILINEAR: each output pixel blends the four nearest input pixels.
// Each type follows what the real TFLite computes for it: floats its float
// formula; int8/uint8 XNNPACK's (which TFLite delegates them to): float
// source positions, weights in 1/2048 steps, the result rounded half up;
// int16 TFLite's integer kernel: positions in 1/1024 steps, products in
// 1/2^20, rounded half away from zero.
#include <cmath>

#include "kernels/kernel_util.h"
#include "kernels/resize_common.h"

namespace tfb {
namespace {

// Where one output row (or column) reads: two source indices and the
// weight of the second, as a float or in fixed point (1/1024 or 1/2048).
struct Tap {
  int32_t lo = 0, hi = 0;
  float frac = 0.f;
  int32_t weight = 0;
};

struct ResizeBilinearState : KernelState {
  std::vector<Tap> rows, cols;
};

std::vector<Tap> float_taps(int32_t in, int32_t out, const ResizeParams& p) {
  float scale = static_cast<float>(in) / static_cast<float>(out);
  if (p.align_corners && out > 1) scale = static_cast<float>(in - 1) / static_cast<float>(out - 1);
  std::vector<Tap> taps(static_cast<size_t>(out));
  for (int32_t o = 0; o < out; ++o) {
    const float pos =
        p.half_pixel_centers ? (static_cast<float>(o) + 0.5f) * scale - 0.5f : static_cast<float>(o) * scale;
    Tap& t = taps[o];
    t.lo = std::max(static_cast<int32_t>(std::floor(pos)), 0);
    t.hi = std::min(static_cast<int32_t>(std::ceil(pos)), in - 1);
    t.frac = pos - static_cast<float>(t.lo);
  }
  return taps;
}

std::vector<Tap> integer_taps(int32_t in, int32_t out, const ResizeParams& p) {
  int32_t scale = ((1 << 10) * in + out / 2) / out;
  if (p.align_corners && out > 1) scale = ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
  std::vector<Tap> taps(static_cast<size_t>(out));
  for (int32_t o = 0; o < out; ++o) {
    const int32_t pos = p.half_pixel_centers ? o * scale + scale / 2 - (1 << 9) : o * scale;
    Tap& t = taps[o];
    t.lo = std::max(pos / (1 << 10), 0);
    t.hi = std::min((pos + (1 << 10) - 1) / (1 << 10), in - 1);
    t.weight = pos - (1 << 10) * t.lo;
  }
  return taps;
}

// XNNPACK's positions (which the real TFLite uses for int8/uint8): float
// source coordinates, clamped into the image for half-pixel centers, and
// the weight of the second pixel in 1/2048 units.
std::vector<Tap> q11_taps(int32_t in, int32_t out, const ResizeParams& p) {
  const int32_t adjust = p.align_corners && out != 1 ? 1 : 0;
  const float scale = static_cast<float>(in - adjust) / static_cast<float>(out - adjust);
  std::vector<Tap> taps(static_cast<size_t>(out));
  for (int32_t o = 0; o < out; ++o) {
    float pos = static_cast<float>(o) * scale;
    if (p.half_pixel_centers) pos = std::clamp(pos + (0.5f * scale - 0.5f), 0.f, static_cast<float>(in - 1));
    Tap& t = taps[o];
    t.lo = static_cast<int32_t>(pos);
    t.hi = std::min(t.lo + 1, in - 1);
    t.weight = static_cast<int32_t>(std::lrint((pos - static_cast<float>(t.lo)) * 2048.f));
  }
  return taps;
}

Status resize_bilinear_prepare(Context& ctx, Node& n) {
  auto* opts = n.options<tflfb::ResizeBilinearOptions>();
  ResizeParams p;
  TFB_RETURN_IF_ERROR(prepare_resize(ctx, n, opts && opts->align_corners(), opts && opts->half_pixel_centers(), &p));
  const Tensor& in = ctx.input(n, 0);
  TFB_SUPPORTED(in.type == DType::kF32 || in.type == DType::kI8 || in.type == DType::kU8 || in.type == DType::kI16,
                "RESIZE_BILINEAR on %s is not supported", dtype_name(in.type));
  // Source positions in 1/1024 steps must stay far from int32 overflow.
  constexpr int32_t kMaxSide = 1 << 20;
  TFB_SUPPORTED(
      in.type == DType::kF32 || (std::max(in.dim(1), in.dim(2)) <= kMaxSide && std::max(p.out_h, p.out_w) <= kMaxSide),
      "RESIZE_BILINEAR from %s to %dx%d is too large for the integer kernel", in.shape.str().c_str(), p.out_h, p.out_w);
  auto s = std::make_unique<ResizeBilinearState>();
  auto taps = in.type == DType::kF32 ? float_taps : in.type == DType::kI16 ? integer_taps : q11_taps;
  s->rows = taps(in.dim(1), p.out_h, p);
  s->cols = taps(in.dim(2), p.out_w, p);
  n.state = std::move(s);
  return OkStatus();
}

void resize_float(const ResizeBilinearState& s, const Shape& in_shape, const float* in, float* out) {
  const int64_t batches = in_shape[0], in_h = in_shape[1], in_w = in_shape[2], depth = in_shape[3];
  for (int64_t b = 0; b < batches; ++b) {
    const float* image = in + b * in_h * in_w * depth;
    for (const Tap& y : s.rows) {
      const float* row0 = image + y.lo * in_w * depth;
      const float* row1 = image + y.hi * in_w * depth;
      for (const Tap& x : s.cols) {
        const float* a = row0 + x.lo * depth;   // top-left
        const float* b2 = row1 + x.lo * depth;  // bottom-left
        const float* c = row0 + x.hi * depth;   // top-right
        const float* d = row1 + x.hi * depth;   // bottom-right
        for (int64_t k = 0; k < depth; ++k)
          out[k] = a[k] * (1 - y.frac) * (1 - x.frac) + b2[k] * y.frac * (1 - x.frac) + c[k] * (1 - y.frac) * x.frac +
                   d[k] * y.frac * x.frac;
        out += depth;
      }
    }
  }
}

template <class T>
void resize_integer(const ResizeBilinearState& s, const Shape& in_shape, const T* in, T* out) {
  const int64_t batches = in_shape[0], in_h = in_shape[1], in_w = in_shape[2], depth = in_shape[3];
  constexpr int64_t one = 1 << 10;
  for (int64_t b = 0; b < batches; ++b) {
    const T* image = in + b * in_h * in_w * depth;
    for (const Tap& y : s.rows) {
      const T* row0 = image + y.lo * in_w * depth;
      const T* row1 = image + y.hi * in_w * depth;
      const int64_t wy1 = y.weight, wy0 = one - y.weight;
      for (const Tap& x : s.cols) {
        const int64_t wx1 = x.weight, wx0 = one - x.weight;
        const T* a = row0 + x.lo * depth;
        const T* b2 = row1 + x.lo * depth;
        const T* c = row0 + x.hi * depth;
        const T* d = row1 + x.hi * depth;
        for (int64_t k = 0; k < depth; ++k) {
          const int64_t sum = a[k] * wy0 * wx0 + b2[k] * wy1 * wx0 + c[k] * wy0 * wx1 + d[k] * wy1 * wx1;
          const int64_t round = sum > 0 ? (1 << 19) : -(1 << 19);
          out[k] = static_cast<T>((sum + round) / (1 << 20));
        }
        out += depth;
      }
    }
  }
}

// One output pixel from its four source pixels (top-left, bottom-left,
// top-right, bottom-right); restrict lets the channel loop vectorize.
template <class T>
void blend_q11(const T* __restrict a, const T* __restrict b, const T* __restrict c, const T* __restrict d, int32_t wx,
               int32_t wy, int64_t depth, T* __restrict out) {
  for (int64_t k = 0; k < depth; ++k) {
    const int32_t top = a[k] * 2048 + (c[k] - a[k]) * wx;
    const int32_t bottom = b[k] * 2048 + (d[k] - b[k]) * wx;
    const int32_t acc = top * 2048 + (bottom - top) * wy;
    out[k] = static_cast<T>((acc + (1 << 21)) >> 22);
  }
}

template <class T>
void resize_q11(const ResizeBilinearState& s, const Shape& in_shape, const T* in, T* out) {
  const int64_t batches = in_shape[0], in_h = in_shape[1], in_w = in_shape[2], depth = in_shape[3];
  for (int64_t b = 0; b < batches; ++b) {
    const T* image = in + b * in_h * in_w * depth;
    for (const Tap& y : s.rows) {
      const T* row0 = image + y.lo * in_w * depth;
      const T* row1 = image + y.hi * in_w * depth;
      for (const Tap& x : s.cols) {
        const T* a = row0 + x.lo * depth;
        const T* b2 = row1 + x.lo * depth;
        const T* c = row0 + x.hi * depth;
        const T* d = row1 + x.hi * depth;
        blend_q11(a, b2, c, d, x.weight, y.weight, depth, out);
        out += depth;
      }
    }
  }
}

Status resize_bilinear_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<ResizeBilinearState>();
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32:
      resize_float(s, in.shape, in.as<float>(), out.as<float>());
      break;
    case DType::kI8:
      resize_q11(s, in.shape, in.as<int8_t>(), out.as<int8_t>());
      break;
    case DType::kU8:
      resize_q11(s, in.shape, in.as<uint8_t>(), out.as<uint8_t>());
      break;
    default:
      resize_integer(s, in.shape, in.as<int16_t>(), out.as<int16_t>());
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_RESIZE_BILINEAR = {tflfb::BuiltinOperator_RESIZE_BILINEAR,
                                             nullptr,
                                             "RESIZE_BILINEAR",
                                             4,
                                             kPure,
                                             "f32 i8 u8 i16",
                                             resize_bilinear_prepare,
                                             resize_bilinear_eval};

}  // namespace tfb
