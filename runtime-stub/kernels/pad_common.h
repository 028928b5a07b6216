// What PAD, PADV2 and MIRROR_PAD share: reading the [rank, 2] paddings
// tensor (possibly computed at run time) and checking it against the input.
#pragma once

#include "interpreter/context.h"

namespace tfb {

struct Paddings {
  int64_t before[kMaxRank] = {}, after[kMaxRank] = {};
};

// Reads input `index` of the node as paddings for `in`; defers while the
// values are not known yet. Negative paddings are rejected.
Status read_paddings(Context& ctx, const Node& n, int index, const Tensor& in, Paddings* out);

// The padded shape.
Status padded_shape(const Tensor& in, const Paddings& p, Shape* out);

}  // namespace tfb
