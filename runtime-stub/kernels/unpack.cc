// UNPACK: splits the input along an axis into its slices, dropping that
// axis (the inverse of PACK).
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/split_common.h"

namespace tfb {
namespace {

Status unpack_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, ctx.num_outputs(n)));
  const Tensor& in = ctx.input(n, 0);
  auto* opts = n.options<tflfb::UnpackOptions>();
  int axis;
  TFB_RETURN_IF_ERROR(resolve_axis(opts ? opts->axis() : 0, in.rank(), &axis));
  TFB_REQUIRE(in.rank() > 0, "cannot unpack a scalar");
  TFB_REQUIRE(!opts || opts->num() == in.dim(axis), "num is %d but dimension %d of %s has %d entries",
              opts ? opts->num() : 0, axis, in.shape.str().c_str(), in.dim(axis));
  return prepare_split(ctx, n, in, axis, std::vector<int64_t>(in.dim(axis), 1), true);
}

Status unpack_eval(Context& ctx, Node& n) { return split_eval(ctx, n, 0); }

}  // namespace

extern const KernelDef op_UNPACK = {
    tflfb::BuiltinOperator_UNPACK, nullptr, "UNPACK", 4, kPure, kMovableTypes, unpack_prepare, unpack_eval};

}  // namespace tfb
