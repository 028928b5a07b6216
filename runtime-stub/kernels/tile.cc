// TILE: repeats the input multiples[d] times along each dimension d.
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct TileState : KernelState {
  IndexCopy copy;
};

Status tile_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  std::vector<int64_t> multiples;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "multiples", &multiples));
  TFB_REQUIRE(static_cast<int>(multiples.size()) == in.rank(), "multiples has %zu values for rank %d input",
              multiples.size(), in.rank());
  std::vector<int64_t> dims(multiples.size());
  for (int d = 0; d < in.rank(); ++d) {
    TFB_REQUIRE(multiples[d] >= 0 && multiples[d] <= INT32_MAX, "multiple %d is %lld", d,
                static_cast<long long>(multiples[d]));
    dims[d] = in.dim(d) * multiples[d];
  }
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape(dims, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));
  int64_t strides[kMaxRank];
  row_major_strides(in.shape, strides);
  auto s = std::make_unique<TileState>();
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  for (int d = 0; d < in.rank(); ++d) {
    if (multiples[d] == 1) {
      s->copy.add_strided(in.dim(d), 0, strides[d]);
      continue;
    }
    std::vector<int64_t> map(static_cast<size_t>(shape.dim[d]));
    for (int64_t o = 0; o < shape.dim[d]; ++o) map[o] = (o % in.dim(d)) * strides[d];
    s->copy.add_table(std::move(map));
  }
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return OkStatus();
}

Status tile_eval(Context& ctx, Node& n) {
  n.state_as<TileState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_TILE = {
    tflfb::BuiltinOperator_TILE, nullptr, "TILE", 3, kPure, kMovableTypes, tile_prepare, tile_eval};

}  // namespace tfb
