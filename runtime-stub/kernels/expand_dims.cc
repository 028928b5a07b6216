// EXPAND_DIMS: inserts a size-1 dimension at the position given by the
// second input (a scalar; negative counts from the end).
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/same_bytes.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

Status expand_dims_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  std::vector<int64_t> axis_values;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "axis", &axis_values));
  TFB_REQUIRE(axis_values.size() == 1, "axis must hold one value, has %zu", axis_values.size());
  TFB_SUPPORTED(in.rank() < kMaxRank, "input %s already has the maximum rank", in.shape.str().c_str());
  const int64_t rank = in.rank() + 1;
  int64_t axis = axis_values[0] < 0 ? axis_values[0] + rank : axis_values[0];
  TFB_REQUIRE(axis >= 0 && axis < rank, "axis %lld is out of range for rank %d input",
              static_cast<long long>(axis_values[0]), in.rank());
  Shape shape;
  shape.rank = static_cast<int>(rank);
  for (int i = 0, j = 0; i < shape.rank; ++i) shape.dim[i] = i == axis ? 1 : in.dim(j++);
  return ctx.set_shape(out, shape);
}

}  // namespace

extern const KernelDef op_EXPAND_DIMS = {tflfb::BuiltinOperator_EXPAND_DIMS,
                                         nullptr,
                                         "EXPAND_DIMS",
                                         1,
                                         kPure | kSameBytes,
                                         kMovableTypes,
                                         expand_dims_prepare,
                                         same_bytes_eval};

}  // namespace tfb
