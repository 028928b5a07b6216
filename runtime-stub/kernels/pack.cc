// PACK: stacks equally shaped inputs along a new axis.
#include <cstring>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct PackState : KernelState {
  int64_t outer = 1, inner = 1;  // the inputs seen as [outer, inner] around the new axis
};

Status pack_prepare(Context& ctx, Node& n) {
  TFB_REQUIRE(ctx.num_inputs(n) >= 1, "needs at least one input");
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, ctx.num_inputs(n), ctx.num_inputs(n), 1));
  const Tensor& first = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(first, out, "input 0", "output");
  TFB_RETURN_IF_ERROR(check_movable(first, "input 0"));
  TFB_SUPPORTED(first.rank() < kMaxRank, "inputs %s already have the maximum rank", first.shape.str().c_str());
  auto* opts = n.options<tflfb::PackOptions>();
  TFB_REQUIRE(!opts || opts->values_count() == ctx.num_inputs(n), "values_count is %d, node has %d inputs",
              opts ? opts->values_count() : 0, ctx.num_inputs(n));
  int axis;
  TFB_RETURN_IF_ERROR(resolve_axis(opts ? opts->axis() : 0, first.rank() + 1, &axis));
  for (int i = 1; i < ctx.num_inputs(n); ++i) {
    const Tensor& t = ctx.input(n, i);
    TFB_REQUIRE_SAME_TYPE(t, first, "every input", "input 0");
    TFB_REQUIRE(t.shape == first.shape, "input %d has shape %s, input 0 has %s", i, t.shape.str().c_str(),
                first.shape.str().c_str());
  }
  auto s = std::make_unique<PackState>();
  Shape shape;
  for (int d = 0; d <= first.rank(); ++d) {
    if (d == axis) shape.dim[shape.rank++] = ctx.num_inputs(n);
    if (d < first.rank()) {
      shape.dim[shape.rank++] = first.dim(d);
      (d < axis ? s->outer : s->inner) *= first.dim(d);
    }
  }
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status pack_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<PackState>();
  Tensor& out = ctx.output(n, 0);
  const size_t bytes = static_cast<size_t>(s.inner) * dtype_size(out.type);
  uint8_t* dst = out.data;
  for (int64_t o = 0; o < s.outer && bytes; ++o) {
    for (int i = 0; i < ctx.num_inputs(n); ++i) {
      std::memcpy(dst, ctx.input(n, i).data + o * static_cast<int64_t>(bytes), bytes);
      dst += bytes;
    }
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_PACK = {
    tflfb::BuiltinOperator_PACK, nullptr, "PACK", 4, kPure, kMovableTypes, pack_prepare, pack_eval};

}  // namespace tfb
