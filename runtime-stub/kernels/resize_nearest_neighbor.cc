// RESIZE_NEAREST_NEIGHBOR: each output pixel copies the input pixel its
// position maps to (TFLite's rounding for align_corners and
// half_pixel_centers). Works on any element type by moving bytes.
#include <cmath>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/resize_common.h"

namespace tfb {
namespace {

struct ResizeNearestState : KernelState {
  IndexCopy copy;
};

int32_t nearest(int32_t o, int32_t in, int32_t out, const ResizeParams& p) {
  const float scale = p.align_corners && out > 1 ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
                                                 : static_cast<float>(in) / static_cast<float>(out);
  const float pos = (static_cast<float>(o) + (p.half_pixel_centers ? 0.5f : 0.f)) * scale;
  int32_t i = static_cast<int32_t>(p.align_corners ? std::round(pos) : std::floor(pos));
  i = std::min(i, in - 1);
  return p.half_pixel_centers ? std::max(i, 0) : i;
}

Status resize_nearest_prepare(Context& ctx, Node& n) {
  auto* opts = n.options<tflfb::ResizeNearestNeighborOptions>();
  ResizeParams p;
  TFB_RETURN_IF_ERROR(prepare_resize(ctx, n, opts && opts->align_corners(), opts && opts->half_pixel_centers(), &p));
  const Tensor& in = ctx.input(n, 0);
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  int64_t strides[kMaxRank];
  row_major_strides(in.shape, strides);
  auto s = std::make_unique<ResizeNearestState>();
  const Shape& shape = ctx.output(n, 0).shape;  // set by prepare_resize: the tables are bounded by the memory limit
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  s->copy.add_strided(in.dim(0), 0, strides[0]);
  std::vector<int64_t> rows(static_cast<size_t>(p.out_h)), cols(static_cast<size_t>(p.out_w));
  for (int32_t o = 0; o < p.out_h; ++o) rows[o] = nearest(o, in.dim(1), p.out_h, p) * strides[1];
  for (int32_t o = 0; o < p.out_w; ++o) cols[o] = nearest(o, in.dim(2), p.out_w, p) * strides[2];
  s->copy.add_table(std::move(rows));
  s->copy.add_table(std::move(cols));
  s->copy.add_strided(in.dim(3), 0, 1);
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return OkStatus();
}

Status resize_nearest_eval(Context& ctx, Node& n) {
  n.state_as<ResizeNearestState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_RESIZE_NEAREST_NEIGHBOR = {tflfb::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR,
                                                     nullptr,
                                                     "RESIZE_NEAREST_NEIGHBOR",
                                                     4,
                                                     kPure,
                                                     kMovableTypes,
                                                     resize_nearest_prepare,
                                                     resize_nearest_eval};

}  // namespace tfb
