#include "kernels/reduction.h"

#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {

Status prepare_reduction(Context& ctx, Node& n, ReducePlan* plan) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  std::vector<int64_t> axes;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "axis", &axes));
  auto* opts = n.options<tflfb::ReducerOptions>();
  const bool keep_dims = opts && opts->keep_dims();

  bool reduced[kMaxRank] = {};
  if (in.rank() > 0) {  // a scalar has nothing to reduce; TFLite ignores its axes
    for (int64_t a : axes) {
      TFB_REQUIRE(a >= -in.rank() && a < in.rank(), "axis %lld is out of range for input %s", static_cast<long long>(a),
                  in.shape.str().c_str());
      reduced[a < 0 ? a + in.rank() : a] = true;
    }
  }
  Shape shape;
  for (int d = 0; d < in.rank(); ++d)
    if (!reduced[d] || keep_dims) shape.dim[shape.rank++] = reduced[d] ? 1 : in.dim(d);

  plan->rank = 0;
  plan->input_count = in.count();
  plan->output_count = shape.count();
  plan->reduce_count = 1;
  for (int d = 0; d < in.rank(); ++d) {
    if (reduced[d]) plan->reduce_count *= in.dim(d);
    if (in.dim(d) == 1) continue;
    if (plan->rank > 0 && plan->reduced[plan->rank - 1] == reduced[d]) {
      plan->dim[plan->rank - 1] *= in.dim(d);
    } else {
      plan->dim[plan->rank] = in.dim(d);
      plan->reduced[plan->rank++] = reduced[d];
    }
  }
  if (plan->rank == 0) {  // every dimension has size 1
    plan->dim[0] = 1;
    plan->rank = 1;
  }
  plan->axes = axes;
  plan->keep_dims = keep_dims;
  plan->input_rank = in.rank();
  int64_t stride = 1;
  for (int d = plan->rank - 1; d >= 0; --d) {
    plan->out_stride[d] = plan->reduced[d] ? 0 : stride;
    if (!plan->reduced[d]) stride *= plan->dim[d];
  }
  return ctx.set_shape(out, shape);
}

}  // namespace tfb
