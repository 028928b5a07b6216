// SPACE_TO_BATCH_ND: pads the M spatial dimensions, then splits them into
// block_shape tiles that become batch entries: output batch
// (k1, ..., kM, b) holds padded positions o_i*block_i + k_i of batch b.
// Padding is zero (the zero point for quantized tensors). Each block
// offset gets its own IndexCopy over [spatial..., rest...].
#include <cstring>

#include "kernels/batch_space_common.h"
#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct SpaceToBatchState : KernelState {
  std::vector<IndexCopy> per_block;  // one per block offset (k1, ..., kM)
  int64_t batch = 0, in_batch_stride = 0, out_batch_bytes = 0;
  uint8_t fill[16] = {};
};

Status space_to_batch_prepare(Context& ctx, Node& n) {
  BlockSpec spec;  // checks the arity first
  TFB_RETURN_IF_ERROR(read_block_spec(ctx, n, "paddings", &spec));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  TFB_SUPPORTED(dtype_size(in.type) <= 16, "SPACE_TO_BATCH_ND on %s is not supported", dtype_name(in.type));
  std::vector<int64_t> dims = {in.dim(0) * spec.blocks};
  for (int i = 0; i < spec.m; ++i) {
    const int64_t padded = in.dim(i + 1) + spec.before[i] + spec.after[i];
    TFB_REQUIRE(padded % spec.block[i] == 0, "padded dimension %d (%lld) is not a multiple of block %lld", i + 1,
                static_cast<long long>(padded), static_cast<long long>(spec.block[i]));
    dims.push_back(padded / spec.block[i]);
  }
  for (int d = spec.m + 1; d < in.rank(); ++d) dims.push_back(in.dim(d));
  Shape shape;
  TFB_RETURN_IF_ERROR(make_shape(dims, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));
  if (shape.count() == 0) {  // nothing to copy: no block plans (there may be 2^62 blocks)
    n.state = std::make_unique<SpaceToBatchState>();
    return OkStatus();
  }

  int64_t st[kMaxRank];
  row_major_strides(in.shape, st);
  auto s = std::make_unique<SpaceToBatchState>();
  s->batch = in.dim(0);
  s->in_batch_stride = st[0] * static_cast<int64_t>(dtype_size(in.type));
  int64_t sub = 1;
  for (size_t d = 1; d < dims.size(); ++d) sub *= dims[d];
  s->out_batch_bytes = sub * static_cast<int64_t>(dtype_size(in.type));
  std::vector<int64_t> k(static_cast<size_t>(spec.m), 0);  // block offset, odometer
  for (int64_t blk = 0; blk < spec.blocks; ++blk) {
    IndexCopy copy;
    for (int i = 0; i < spec.m; ++i) {
      std::vector<int64_t> map(static_cast<size_t>(dims[i + 1]));
      for (int64_t o = 0; o < dims[i + 1]; ++o) {
        const int64_t src = o * spec.block[i] + k[i] - spec.before[i];
        map[o] = src >= 0 && src < in.dim(i + 1) ? src * st[i + 1] : IndexCopy::kFill;
      }
      copy.add_table(std::move(map));
    }
    for (int d = spec.m + 1; d < in.rank(); ++d) copy.add_strided(in.dim(d), 0, st[d]);
    copy.finish(dtype_size(in.type));
    s->per_block.push_back(std::move(copy));
    for (int i = spec.m - 1; i >= 0 && ++k[i] == spec.block[i]; --i) k[i] = 0;
  }
  if (!out.quant.empty() && (out.type == DType::kI8 || out.type == DType::kU8 || out.type == DType::kI16)) {
    const int16_t zp = static_cast<int16_t>(out.quant.zp0());
    std::memcpy(s->fill, &zp, dtype_size(out.type));  // little-endian: the low byte first
  }
  n.state = std::move(s);
  return OkStatus();
}

Status space_to_batch_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<SpaceToBatchState>();
  const uint8_t* in = ctx.input(n, 0).data;
  uint8_t* out = ctx.output(n, 0).data;
  for (const IndexCopy& copy : s.per_block) {
    for (int64_t b = 0; b < s.batch; ++b) {
      copy.run(in + b * s.in_batch_stride, out, s.fill);
      out += s.out_batch_bytes;
    }
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SPACE_TO_BATCH_ND = {tflfb::BuiltinOperator_SPACE_TO_BATCH_ND,
                                               nullptr,
                                               "SPACE_TO_BATCH_ND",
                                               4,
                                               kPure,
                                               kMovableTypes,
                                               space_to_batch_prepare,
                                               space_to_batch_eval};

}  // namespace tfb
