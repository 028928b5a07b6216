// LOGISTIC and TANH: a float function elementwise on float32, and on
// int8/uint8 through a lookup table (lookup_table.h). The quantized output
// scale and zero point are fixed by the op, as TFLite requires.
#pragma once

#include "kernels/lookup_table.h"
#include "kernels/quant_params.h"
#include "kernels/unary_op.h"

namespace tfb {

struct TableActivationState : KernelState {
  LookupTable table;
};

inline bool table_activation_dtype(DType t) { return t == DType::kF32 || t == DType::kI8 || t == DType::kU8; }

// Fn names the op (kName), its float function on one value (scalar, used
// for the tables) and on an Eigen array (apply, for float32 tensors), and
// the fixed output quantization (kOutScale, kZeroPointI8, kZeroPointU8).
template <class Fn>
Status table_activation_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_unary(ctx, n, Fn::kName, table_activation_dtype));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  if (in.type == DType::kF32) return OkStatus();
  TFB_RETURN_IF_ERROR(require_per_tensor_quant(in, "input"));
  const int32_t zp = in.type == DType::kI8 ? Fn::kZeroPointI8 : Fn::kZeroPointU8;
  TFB_RETURN_IF_ERROR(require_quant(out, "output", Fn::kOutScale, zp));
  auto s = std::make_unique<TableActivationState>();
  if (in.type == DType::kI8) {
    build_lookup_table<int8_t>(Fn::scalar, in, out, &s->table);
  } else {
    build_lookup_table<uint8_t>(Fn::scalar, in, out, &s->table);
  }
  n.state = std::move(s);
  return OkStatus();
}

template <class Fn>
Status table_activation_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32: apply_float_array<Fn>(in, out); break;
    case DType::kI8: apply_lookup_table<int8_t>(n.state_as<TableActivationState>().table, in, out); break;
    default: apply_lookup_table<uint8_t>(n.state_as<TableActivationState>().table, in, out); break;
  }
  return OkStatus();
}

}  // namespace tfb
