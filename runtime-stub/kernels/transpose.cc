// TRANSPOSE: output dimension d is input dimension perm[d].
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct TransposeState : KernelState {
  IndexCopy copy;
};

Status transpose_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  std::vector<int64_t> perm;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "perm", &perm));
  TFB_REQUIRE(static_cast<int>(perm.size()) == in.rank(), "perm has %zu entries for rank %d input", perm.size(),
              in.rank());
  bool seen[kMaxRank] = {};
  int64_t strides[kMaxRank];
  row_major_strides(in.shape, strides);
  auto s = std::make_unique<TransposeState>();
  Shape shape;
  shape.rank = in.rank();
  for (int d = 0; d < in.rank(); ++d) {
    const int64_t p = perm[d];
    TFB_REQUIRE(p >= 0 && p < in.rank() && !seen[p], "perm entry %d (%lld) does not make a permutation of %d axes", d,
                static_cast<long long>(p), in.rank());
    seen[p] = true;
    shape.dim[d] = in.dim(static_cast<int>(p));
    s->copy.add_strided(shape.dim[d], 0, strides[p]);
  }
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status transpose_eval(Context& ctx, Node& n) {
  n.state_as<TransposeState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_TRANSPOSE = {
    tflfb::BuiltinOperator_TRANSPOSE, nullptr, "TRANSPOSE", 6, kPure, kMovableTypes, transpose_prepare, transpose_eval};

}  // namespace tfb
