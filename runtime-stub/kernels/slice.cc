// SLICE: the block starting at `begin` with `size` elements per dimension
// (size -1 = to the end).
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct SliceState : KernelState {
  IndexCopy copy;
};

Status slice_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 3, 3, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  std::vector<int64_t> begin, size;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "begin", &begin));
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 2), "size", &size));
  TFB_REQUIRE(static_cast<int>(begin.size()) == in.rank() && static_cast<int>(size.size()) == in.rank(),
              "begin and size need %d values each, have %zu and %zu", in.rank(), begin.size(), size.size());
  int64_t strides[kMaxRank];
  row_major_strides(in.shape, strides);
  auto s = std::make_unique<SliceState>();
  Shape shape;
  shape.rank = in.rank();
  for (int d = 0; d < in.rank(); ++d) {
    const int64_t dim = in.dim(d);
    if (size[d] == -1) size[d] = dim - begin[d];
    TFB_REQUIRE(begin[d] >= 0 && begin[d] <= dim && size[d] >= 0 && size[d] <= dim - begin[d],
                "slice begin %lld size %lld is outside dimension %d of %s", static_cast<long long>(begin[d]),
                static_cast<long long>(size[d]), d, in.shape.str().c_str());
    shape.dim[d] = static_cast<int32_t>(size[d]);
    s->copy.add_strided(size[d], begin[d] * strides[d], strides[d]);
  }
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status slice_eval(Context& ctx, Node& n) {
  n.state_as<SliceState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SLICE = {
    tflfb::BuiltinOperator_SLICE, nullptr, "SLICE", 6, kPure, kMovableTypes, slice_prepare, slice_eval};

}  // namespace tfb
