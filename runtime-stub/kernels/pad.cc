// PAD and PADV2: surround the input with a constant. PAD uses zero (the
// zero point for quantized tensors, so the padding means real 0); PADV2
// takes the value from its third input.
#include <cstring>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/pad_common.h"

namespace tfb {
namespace {

struct PadState : KernelState {
  IndexCopy copy;
  uint8_t zero[16] = {};  // PAD's fill value, one element
};

bool is_quantized_int(const Tensor& t) {
  return !t.quant.empty() && (t.type == DType::kI8 || t.type == DType::kU8 || t.type == DType::kI16);
}

Status pad_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 3, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  TFB_SUPPORTED(dtype_size(in.type) <= 16, "PAD on %s is not supported", dtype_name(in.type));
  if (const Tensor* value = ctx.optional_input(n, 2)) {
    TFB_REQUIRE_SAME_TYPE(*value, in, "constant_values", "input");
    TFB_REQUIRE(value->count() == 1, "constant_values must hold one value, has shape %s", value->shape.str().c_str());
  }
  Paddings p;
  TFB_RETURN_IF_ERROR(read_paddings(ctx, n, 1, in, &p));
  Shape shape;
  TFB_RETURN_IF_ERROR(padded_shape(in, p, &shape));
  // The output shape first: the memory limit then bounds the tables below.
  TFB_RETURN_IF_ERROR(ctx.set_shape(out, shape));

  auto s = std::make_unique<PadState>();
  if (shape.count() == 0) {  // nothing to copy; a dimension may still be 2^31 long
    s->copy.add_strided(0, 0, 0);
    s->copy.finish(dtype_size(in.type));
    n.state = std::move(s);
    return OkStatus();
  }
  int64_t strides[kMaxRank];
  row_major_strides(in.shape, strides);
  for (int d = 0; d < in.rank(); ++d) {
    std::vector<int64_t> map(static_cast<size_t>(shape.dim[d]), IndexCopy::kFill);
    for (int64_t i = 0; i < in.dim(d); ++i) map[p.before[d] + i] = i * strides[d];
    s->copy.add_table(std::move(map));
  }
  s->copy.finish(dtype_size(in.type));
  if (is_quantized_int(out)) {
    const int32_t zp = out.quant.zp0();
    if (out.type == DType::kI16) {
      const int16_t v = static_cast<int16_t>(zp);
      std::memcpy(s->zero, &v, 2);
    } else {
      s->zero[0] = static_cast<uint8_t>(zp);  // two's complement for int8
    }
  }
  n.state = std::move(s);
  return OkStatus();
}

Status pad_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<PadState>();
  const Tensor* value = ctx.optional_input(n, 2);
  s.copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, value ? value->data : s.zero);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_PAD = {
    tflfb::BuiltinOperator_PAD, nullptr, "PAD", 4, kPure, kMovableTypes, pad_prepare, pad_eval};
extern const KernelDef op_PADV2 = {
    tflfb::BuiltinOperator_PADV2, nullptr, "PADV2", 4, kPure, kMovableTypes, pad_prepare, pad_eval};

}  // namespace tfb
