// RESHAPE: the same elements under a new shape. The shape comes from the
// second input (a 1-D int32 tensor, possibly computed at run time) or from
// ReshapeOptions.new_shape; one dimension may be -1 (inferred).
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/same_bytes.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

// The requested dimensions, or a deferral when they are computed at run time.
Status requested_dims(Context& ctx, const Node& n, std::vector<int64_t>* dims) {
  const Tensor* shape = ctx.optional_input(n, 1);
  if (shape && shape->rank() == 1 && shape->type == DType::kI32) return read_index_values(ctx, *shape, "shape", dims);
  auto* opts = n.options<tflfb::ReshapeOptions>();
  TFB_REQUIRE(opts && opts->new_shape(), "needs a 1-D int32 shape input or new_shape in its options");
  dims->assign(opts->new_shape()->begin(), opts->new_shape()->end());
  // Old converters wrote [0] for a scalar.
  if (dims->size() == 1 && (*dims)[0] == 0) dims->clear();
  return OkStatus();
}

Status reshape_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));

  std::vector<int64_t> dims;
  TFB_RETURN_IF_ERROR(requested_dims(ctx, n, &dims));
  int wildcard = -1;
  int64_t known = 1;  // product of the given dimensions
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i] == -1) {
      TFB_REQUIRE(wildcard < 0, "new shape has more than one -1");
      wildcard = static_cast<int>(i);
    } else if (dims[i] == 0) {
      known = 0;
    } else if (known > 0) {
      // Saturates at count + 1: enough to see a mismatch, and no overflow.
      known = dims[i] > (in.count() + 1) / known ? in.count() + 1 : known * dims[i];
    }
  }
  if (wildcard >= 0) {
    TFB_REQUIRE(known > 0 && in.count() % known == 0, "cannot infer the -1 in the new shape for %lld elements",
                static_cast<long long>(in.count()));
    dims[wildcard] = in.count() / known;
  }
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape(dims, &shape));
  TFB_REQUIRE(shape.count() == in.count(), "cannot reshape %s to %s: element counts differ", in.shape.str().c_str(),
              shape.str().c_str());
  return ctx.set_shape(out, shape);
}

}  // namespace

extern const KernelDef op_RESHAPE = {tflfb::BuiltinOperator_RESHAPE,
                                     nullptr,
                                     "RESHAPE",
                                     1,
                                     kPure | kSameBytes,
                                     kMovableTypes,
                                     reshape_prepare,
                                     same_bytes_eval};

}  // namespace tfb
