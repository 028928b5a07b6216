// SPLIT_V: cuts the input into pieces of the given sizes (one may be -1:
// the rest) along the axis given by the third input.
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/split_common.h"

namespace tfb {
namespace {

Status split_v_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 3, 3, ctx.num_outputs(n)));
  const Tensor& in = ctx.input(n, 0);
  std::vector<int64_t> sizes, axis_values;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "size_splits", &sizes));
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 2), "axis", &axis_values));
  TFB_REQUIRE(axis_values.size() == 1, "axis must hold one value, has %zu", axis_values.size());
  TFB_REQUIRE(axis_values[0] >= -in.rank() && axis_values[0] < in.rank(), "axis %lld is out of range for input %s",
              static_cast<long long>(axis_values[0]), in.shape.str().c_str());
  const int axis = static_cast<int>(axis_values[0] < 0 ? axis_values[0] + in.rank() : axis_values[0]);
  int wildcard = -1;
  int64_t known = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    if (sizes[i] == -1) {
      TFB_REQUIRE(wildcard < 0, "size_splits has more than one -1");
      wildcard = static_cast<int>(i);
    } else {
      TFB_REQUIRE(sizes[i] >= 0 && sizes[i] <= in.dim(axis), "size_splits entry %zu is %lld", i,
                  static_cast<long long>(sizes[i]));
      known += sizes[i];
    }
  }
  if (wildcard >= 0) {
    TFB_REQUIRE(known <= in.dim(axis), "size_splits exceed dimension %d of %s", axis, in.shape.str().c_str());
    sizes[wildcard] = in.dim(axis) - known;
  }
  return prepare_split(ctx, n, in, axis, std::move(sizes), false);
}

Status split_v_eval(Context& ctx, Node& n) { return split_eval(ctx, n, 0); }

}  // namespace

extern const KernelDef op_SPLIT_V = {
    tflfb::BuiltinOperator_SPLIT_V, nullptr, "SPLIT_V", 2, kPure, kMovableTypes, split_v_prepare, split_v_eval};

}  // namespace tfb
