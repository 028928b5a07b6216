// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC input: shared geometry and
// eval loops. Each output pixel walks its window clipped to the input, with
// the channel loop innermost so it vectorizes. Average pooling divides by
// the number of input pixels inside the window (padding is not counted).
// Quantized pooling keeps the input's quantization, as TFLite requires;
// the average rounds half away from zero, as TFLite's builtin kernel does
// (XNNPACK does not take quantized average pooling).
#pragma once

#include "kernels/kernel_util.h"

namespace tfb {

struct PoolGeometry {
  int batches = 0, in_h = 0, in_w = 0, depth = 0;
  int filter_h = 0, filter_w = 0, stride_h = 0, stride_w = 0;
  Padding2D pad;
};

struct PoolState : KernelState {
  PoolGeometry g;
  FloatRange act;
  IntRange int_act;
};

enum class PoolKind { kAverage, kMax };

Status pool_prepare(Context& ctx, Node& n, PoolKind kind);
Status pool_eval(Context& ctx, Node& n, PoolKind kind);

// The window of output pixel (oy, ox), clipped to the input.
struct PoolWindow {
  int y0, y1, x0, x1;  // [y0, y1) x [x0, x1)
};
inline PoolWindow pool_window(const PoolGeometry& g, int oy, int ox) {
  const int64_t ys = int64_t{oy} * g.stride_h - g.pad.top, xs = int64_t{ox} * g.stride_w - g.pad.left;
  return {static_cast<int>(std::max<int64_t>(ys, 0)), static_cast<int>(std::min<int64_t>(ys + g.filter_h, g.in_h)),
          static_cast<int>(std::max<int64_t>(xs, 0)), static_cast<int>(std::min<int64_t>(xs + g.filter_w, g.in_w))};
}

}  // namespace tfb
