// BATCH_TO_SPACE_ND: the inverse of SPACE_TO_BATCH_ND. Batch entry
// (k1, ..., kM, b) fills the spatial positions o_i*block_i + k_i of output
// batch b, then the crops are cut off. Each output coordinate adds its own
// term to the input offset, so one IndexCopy does it.
#include "kernels/batch_space_common.h"
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct BatchToSpaceState : KernelState {
  IndexCopy copy;
};

Status batch_to_space_prepare(Context& ctx, Node& n) {
  BlockSpec spec;  // checks the arity first
  TFB_RETURN_IF_ERROR(read_block_spec(ctx, n, "crops", &spec));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  TFB_REQUIRE(in.dim(0) % spec.blocks == 0, "batch %d is not a multiple of the %lld blocks", in.dim(0),
              static_cast<long long>(spec.blocks));
  const int64_t batch = in.dim(0) / spec.blocks;
  std::vector<int64_t> dims = {batch};
  for (int i = 0; i < spec.m; ++i) {
    const int64_t full = in.dim(i + 1) * spec.block[i];
    TFB_REQUIRE(spec.before[i] + spec.after[i] <= full, "crops of dimension %d exceed its size %lld", i + 1,
                static_cast<long long>(full));
    dims.push_back(full - spec.before[i] - spec.after[i]);
  }
  for (int d = spec.m + 1; d < in.rank(); ++d) dims.push_back(in.dim(d));
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape(dims, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));

  int64_t st[kMaxRank];
  row_major_strides(in.shape, st);
  auto s = std::make_unique<BatchToSpaceState>();
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  s->copy.add_strided(batch, 0, st[0]);
  int64_t later_blocks = spec.blocks;  // blocks of the dimensions after i, times batch
  for (int i = 0; i < spec.m; ++i) {
    later_blocks /= spec.block[i];
    std::vector<int64_t> map(static_cast<size_t>(dims[i + 1]));
    for (int64_t o = 0; o < dims[i + 1]; ++o) {
      const int64_t pos = o + spec.before[i];
      map[o] = (pos / spec.block[i]) * st[i + 1] + (pos % spec.block[i]) * later_blocks * batch * st[0];
    }
    s->copy.add_table(std::move(map));
  }
  for (int d = spec.m + 1; d < in.rank(); ++d) s->copy.add_strided(in.dim(d), 0, st[d]);
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return OkStatus();
}

Status batch_to_space_eval(Context& ctx, Node& n) {
  n.state_as<BatchToSpaceState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_BATCH_TO_SPACE_ND = {tflfb::BuiltinOperator_BATCH_TO_SPACE_ND,
                                               nullptr,
                                               "BATCH_TO_SPACE_ND",
                                               4,
                                               kPure,
                                               kMovableTypes,
                                               batch_to_space_prepare,
                                               batch_to_space_eval};

}  // namespace tfb
