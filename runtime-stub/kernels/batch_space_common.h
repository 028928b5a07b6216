// What SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND share: a [M] block_shape
// input and a [M, 2] paddings/crops input over the M spatial dimensions
// that follow the batch dimension (possibly computed at run time).
#pragma once

#include <vector>

#include "interpreter/context.h"

namespace tfb {

struct BlockSpec {
  int m = 0;                           // spatial dimensions
  std::vector<int64_t> block;          // block size per spatial dimension
  std::vector<int64_t> before, after;  // paddings (SPACE_TO_BATCH) or crops (BATCH_TO_SPACE)
  int64_t blocks = 1;                  // product of block
};

// Checks the arity, then reads block_shape (input 1) and paddings/crops (input 2)
// for the input tensor (input 0).
Status read_block_spec(Context& ctx, const Node& n, const char* what, BlockSpec* out);

}  // namespace tfb
