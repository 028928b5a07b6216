#include "kernels/resize_common.h"

#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {

Status prepare_resize(Context& ctx, Node& n, bool align_corners, bool half_pixel_centers, ResizeParams* p) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_REQUIRE(in.rank() == 4, "input must be 4-D (NHWC), is %s", in.shape.str().c_str());
  TFB_REQUIRE(in.dim(1) > 0 && in.dim(2) > 0, "cannot resize an empty image %s", in.shape.str().c_str());
  TFB_REQUIRE(!(align_corners && half_pixel_centers), "align_corners and half_pixel_centers cannot both be set");
  std::vector<int64_t> size;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "size", &size));
  TFB_REQUIRE(size.size() == 2, "size must hold [height, width], has %zu values", size.size());
  TFB_REQUIRE(size[0] > 0 && size[1] > 0, "output size %lldx%lld must be positive", static_cast<long long>(size[0]),
              static_cast<long long>(size[1]));
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape({in.dim(0), size[0], size[1], in.dim(3)}, &shape));
  p->out_h = shape.dim[1];
  p->out_w = shape.dim[2];
  p->align_corners = align_corners;
  p->half_pixel_centers = half_pixel_centers;
  return ctx.set_shape(out, shape);
}

}  // namespace tfb
