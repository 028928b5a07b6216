// What RESIZE_BILINEAR and RESIZE_NEAREST_NEIGHBOR share: a 4-D NHWC
// input, the new [height, width] from the second input (possibly computed
// at run time), and the align_corners / half_pixel_centers options.
#pragma once

#include "interpreter/context.h"

namespace tfb {

struct ResizeParams {
  int32_t out_h = 0, out_w = 0;
  bool align_corners = false, half_pixel_centers = false;
};

// Checks the input and reads the size; sets the output shape.
Status prepare_resize(Context& ctx, Node& n, bool align_corners, bool half_pixel_centers, ResizeParams* out);

}  // namespace tfb
