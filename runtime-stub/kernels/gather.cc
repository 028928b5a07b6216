// GATHER: picks slices of `params` along `axis` at the positions held in
// `indices` (the first batch_dims dimensions of both are matched, not
// gathered). Indices are data: each is range-checked when the op runs.
#include <cstring>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct GatherState : KernelState {
  int64_t batches = 1, outer = 1, axis_size = 0, inner = 1, per_batch = 1;
};

Status gather_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& params = ctx.input(n, 0);
  const Tensor& indices = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(params, out, "params", "output");
  TFB_RETURN_IF_ERROR(check_movable(params, "params"));
  TFB_SUPPORTED(indices.type == DType::kI32 || indices.type == DType::kI64 || indices.type == DType::kI16,
                "indices must be int16, int32 or int64, are %s", dtype_name(indices.type));
  auto* opts = n.options<tflfb::GatherOptions>();
  int axis = opts ? opts->axis() : 0, batch_dims = opts ? opts->batch_dims() : 0;
  if (axis < 0) axis += params.rank();
  if (batch_dims < 0) batch_dims += indices.rank();
  TFB_REQUIRE(axis >= 0 && axis < params.rank(), "axis %d is out of range for params %s", opts ? opts->axis() : 0,
              params.shape.str().c_str());
  TFB_REQUIRE(batch_dims >= 0 && batch_dims <= axis && batch_dims <= indices.rank(),
              "batch_dims %d does not fit axis %d and indices %s", batch_dims, axis, indices.shape.str().c_str());
  auto s = std::make_unique<GatherState>();
  std::vector<int64_t> dims;
  for (int d = 0; d < batch_dims; ++d) {
    TFB_REQUIRE(params.dim(d) == indices.dim(d), "batch dimension %d differs: params %s, indices %s", d,
                params.shape.str().c_str(), indices.shape.str().c_str());
    s->batches *= params.dim(d);
    dims.push_back(params.dim(d));
  }
  for (int d = batch_dims; d < axis; ++d) {
    s->outer *= params.dim(d);
    dims.push_back(params.dim(d));
  }
  for (int d = batch_dims; d < indices.rank(); ++d) {
    s->per_batch *= indices.dim(d);
    dims.push_back(indices.dim(d));
  }
  for (int d = axis + 1; d < params.rank(); ++d) {
    s->inner *= params.dim(d);
    dims.push_back(params.dim(d));
  }
  s->axis_size = params.dim(axis);
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape(dims, &shape));
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

template <class I>
Status gather(const GatherState& s, const uint8_t* params, const I* indices, size_t elem, uint8_t* out) {
  const size_t bytes = static_cast<size_t>(s.inner) * elem;
  for (int64_t b = 0; b < s.batches; ++b) {
    const I* idx = indices + b * s.per_batch;
    for (int64_t o = 0; o < s.outer; ++o) {
      const uint8_t* base = params + (b * s.outer + o) * s.axis_size * static_cast<int64_t>(bytes);
      for (int64_t j = 0; j < s.per_batch; ++j) {
        const int64_t i = idx[j];
        if (i < 0 || i >= s.axis_size)
          return Error(ErrorKind::kRuntime, "gather index %lld (position %lld) is out of range [0, %lld)",
                       static_cast<long long>(i), static_cast<long long>(b * s.per_batch + j),
                       static_cast<long long>(s.axis_size));
        std::memcpy(out, base + i * static_cast<int64_t>(bytes), bytes);
        out += bytes;
      }
    }
  }
  return OkStatus();
}

Status gather_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<GatherState>();
  const Tensor& params = ctx.input(n, 0);
  const Tensor& indices = ctx.input(n, 1);
  uint8_t* out = ctx.output(n, 0).data;
  const size_t elem = dtype_size(params.type);
  switch (indices.type) {
    case DType::kI32:
      return gather(s, params.data, indices.as<int32_t>(), elem, out);
    case DType::kI64:
      return gather(s, params.data, indices.as<int64_t>(), elem, out);
    default:
      return gather(s, params.data, indices.as<int16_t>(), elem, out);
  }
}

}  // namespace

extern const KernelDef op_GATHER = {
    tflfb::BuiltinOperator_GATHER, nullptr, "GATHER", 6, kPure, kMovableTypes, gather_prepare, gather_eval};

}  // namespace tfb
