// GATHER_ND: each row of `indices` (its last dimension, K long) addresses
// a slice params[i0, ..., iK-1, :, ...]. Indices are range-checked when
// the op runs.
#include <cstring>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct GatherNdState : KernelState {
  int depth = 0;  // K: index components per row
  int64_t rows = 0, slice = 1;
  int64_t stride[kMaxRank] = {};  // in slices, for each addressed dimension
};

Status gather_nd_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& params = ctx.input(n, 0);
  const Tensor& indices = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(params, out, "params", "output");
  TFB_RETURN_IF_ERROR(check_movable(params, "params"));
  TFB_SUPPORTED(indices.type == DType::kI32 || indices.type == DType::kI64 || indices.type == DType::kI16,
                "indices must be int16, int32 or int64, are %s", dtype_name(indices.type));
  TFB_REQUIRE(indices.rank() >= 1, "indices must have at least one dimension");
  auto s = std::make_unique<GatherNdState>();
  s->depth = indices.dim(indices.rank() - 1);
  TFB_REQUIRE(s->depth <= params.rank(), "indices rows of %d exceed params rank %d", s->depth, params.rank());
  std::vector<int64_t> dims;
  s->rows = 1;
  for (int d = 0; d + 1 < indices.rank(); ++d) {
    dims.push_back(indices.dim(d));
    s->rows *= indices.dim(d);
  }
  for (int d = s->depth; d < params.rank(); ++d) {
    dims.push_back(params.dim(d));
    s->slice *= params.dim(d);
  }
  int64_t stride = 1;
  for (int d = s->depth - 1; d >= 0; --d) {
    s->stride[d] = stride;
    stride *= params.dim(d);
  }
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape(dims, &shape));
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

template <class I>
Status gather_nd(const GatherNdState& s, const Tensor& params, const I* indices, uint8_t* out) {
  const size_t bytes = static_cast<size_t>(s.slice) * dtype_size(params.type);
  for (int64_t r = 0; r < s.rows; ++r) {
    int64_t offset = 0;
    for (int k = 0; k < s.depth; ++k) {
      const int64_t i = indices[r * s.depth + k];
      if (i < 0 || i >= params.dim(k))
        return Error(ErrorKind::kRuntime, "gather_nd index %lld (row %lld, component %d) is out of range [0, %d)",
                     static_cast<long long>(i), static_cast<long long>(r), k, params.dim(k));
      offset += i * s.stride[k];
    }
    std::memcpy(out, params.data + offset * static_cast<int64_t>(bytes), bytes);
    out += bytes;
  }
  return OkStatus();
}

Status gather_nd_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<GatherNdState>();
  const Tensor& params = ctx.input(n, 0);
  const Tensor& indices = ctx.input(n, 1);
  uint8_t* out = ctx.output(n, 0).data;
  switch (indices.type) {
    case DType::kI32:
      return gather_nd(s, params, indices.as<int32_t>(), out);
    case DType::kI64:
      return gather_nd(s, params, indices.as<int64_t>(), out);
    default:
      return gather_nd(s, params, indices.as<int16_t>(), out);
  }
}

}  // namespace

extern const KernelDef op_GATHER_ND = {
    tflfb::BuiltinOperator_GATHER_ND, nullptr, "GATHER_ND", 5, kPure, kMovableTypes, gather_nd_prepare, gather_nd_eval};

}  // namespace tfb
