// What SPLIT, SPLIT_V and UNPACK share: cutting the input along one axis
// into consecutive pieces, one per output.
#pragma once

#include <vector>

#include "interpreter/context.h"
#include "kernels/shape_util.h"

namespace tfb {

struct SplitState : KernelState {
  AxisView view;
  std::vector<int64_t> sizes;  // length along the axis of each output
};

// Sets each output's shape: the input's with `axis` set to sizes[i]
// (removed when `drop_axis`), and fills the state.
Status prepare_split(Context& ctx, Node& n, const Tensor& in, int axis, std::vector<int64_t> sizes, bool drop_axis);

// Copies the pieces; `input` is the node input holding the data.
Status split_eval(Context& ctx, Node& n, int input);

}  // namespace tfb
