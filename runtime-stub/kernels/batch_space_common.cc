#include "kernels/batch_space_common.h"

#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {

Status read_block_spec(Context& ctx, const Node& n, const char* what, BlockSpec* out) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 3, 3, 1));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& block = ctx.input(n, 1);
  const Tensor& pads = ctx.input(n, 2);
  TFB_REQUIRE(block.rank() == 1, "block_shape must be 1-D, is %s", block.shape.str().c_str());
  out->m = block.dim(0);
  TFB_REQUIRE(out->m >= 1 && in.rank() >= out->m + 1, "block_shape %s does not fit input %s", block.shape.str().c_str(),
              in.shape.str().c_str());
  TFB_REQUIRE(pads.rank() == 2 && pads.dim(0) == out->m && pads.dim(1) == 2, "%s must be [%d, 2], is %s", what, out->m,
              pads.shape.str().c_str());
  std::vector<int64_t> p;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, block, "block_shape", &out->block));
  TFB_RETURN_IF_ERROR(read_index_values(ctx, pads, what, &p));
  out->blocks = 1;
  out->before.resize(out->m);
  out->after.resize(out->m);
  for (int i = 0; i < out->m; ++i) {
    TFB_REQUIRE(out->block[i] >= 1 && out->block[i] <= INT32_MAX, "block_shape[%d] = %lld is invalid", i,
                static_cast<long long>(out->block[i]));
    out->blocks *= out->block[i];
    TFB_REQUIRE(out->blocks <= INT32_MAX, "block_shape is too large");
    out->before[i] = p[2 * i];
    out->after[i] = p[2 * i + 1];
    TFB_REQUIRE(out->before[i] >= 0 && out->after[i] >= 0 && out->before[i] <= INT32_MAX && out->after[i] <= INT32_MAX,
                "%s of dimension %d are invalid (%lld, %lld)", what, i + 1, static_cast<long long>(out->before[i]),
                static_cast<long long>(out->after[i]));
  }
  return OkStatus();
}

}  // namespace tfb
