// SPLIT: cuts the input (second input) into num_splits equal pieces along
// the axis given by the first input.
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/split_common.h"

namespace tfb {
namespace {

Status split_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, ctx.num_outputs(n)));
  const Tensor& in = ctx.input(n, 1);
  std::vector<int64_t> axis_values;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 0), "axis", &axis_values));
  TFB_REQUIRE(axis_values.size() == 1, "axis must hold one value, has %zu", axis_values.size());
  TFB_REQUIRE(axis_values[0] >= -in.rank() && axis_values[0] < in.rank(), "axis %lld is out of range for input %s",
              static_cast<long long>(axis_values[0]), in.shape.str().c_str());
  const int axis = static_cast<int>(axis_values[0] < 0 ? axis_values[0] + in.rank() : axis_values[0]);
  auto* opts = n.options<tflfb::SplitOptions>();
  const int pieces = opts ? opts->num_splits() : ctx.num_outputs(n);
  TFB_REQUIRE(pieces > 0 && in.dim(axis) % pieces == 0, "dimension %d of %s does not split into %d equal pieces", axis,
              in.shape.str().c_str(), pieces);
  return prepare_split(ctx, n, in, axis, std::vector<int64_t>(pieces, in.dim(axis) / pieces), false);
}

Status split_op_eval(Context& ctx, Node& n) { return split_eval(ctx, n, 1); }

}  // namespace

extern const KernelDef op_SPLIT = {
    tflfb::BuiltinOperator_SPLIT, nullptr, "SPLIT", 4, kPure, kMovableTypes, split_prepare, split_op_eval};

}  // namespace tfb
