// Helpers for kernels whose output shape comes from values: reading index
// tensors (deferring when they are computed at run time) and building
// shapes from untrusted numbers without overflow.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/context.h"

namespace tfb {

// Reads an int32/int64 tensor's values. Returns ctx.defer() when they are
// not known yet (prepare before run time) and an error naming `what` for
// any other dtype.
Status read_index_values(Context& ctx, const Tensor& t, const char* what, std::vector<int64_t>* out);

// Builds a shape from dimensions, failing on a negative dimension, one
// above INT32_MAX, or a total element count above 2^40.
Status make_shape(const std::vector<int64_t>& dims, Shape* out);

// A shape seen as [outer, size, inner] around dimension `axis`: the view
// that concatenation, splitting, packing and gathering along an axis need.
struct AxisView {
  int64_t outer = 1, size = 1, inner = 1;
};
AxisView axis_view(const Shape& s, int axis);

}  // namespace tfb
