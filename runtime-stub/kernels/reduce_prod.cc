// REDUCE_PROD: product over the given axes (float and plain integers;
// TFLite's quantized product is not implemented).
#include "kernels/kernel_util.h"
#include "kernels/reduction.h"

namespace tfb {
namespace {

struct ProdState : KernelState {
  ReducePlan plan;
};

Status reduce_prod_prepare(Context& ctx, Node& n) {
  auto s = std::make_unique<ProdState>();
  TFB_RETURN_IF_ERROR(prepare_reduction(ctx, n, &s->plan));
  const Tensor& in = ctx.input(n, 0);
  TFB_SUPPORTED((in.type == DType::kF32 || in.type == DType::kI32 || in.type == DType::kI64) && in.quant.empty(),
                "REDUCE_PROD on %s%s is not supported", in.quant.empty() ? "" : "quantized ", dtype_name(in.type));
  n.state = std::move(s);
  return OkStatus();
}

template <class T, class Acc>
void product(const ReducePlan& p, const T* in, T* out) {
  std::fill(out, out + p.output_count, T(1));
  // Unsigned arithmetic wraps on overflow the way TFLite's int kernels do in practice.
  reduce_into(p, in, out, [](T& acc, T v) { acc = static_cast<T>(static_cast<Acc>(acc) * static_cast<Acc>(v)); });
}

Status reduce_prod_eval(Context& ctx, Node& n) {
  const ReducePlan& p = n.state_as<ProdState>().plan;
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32:
      product<float, float>(p, in.as<float>(), out.as<float>());
      break;
    case DType::kI32:
      product<int32_t, uint32_t>(p, in.as<int32_t>(), out.as<int32_t>());
      break;
    default:
      product<int64_t, uint64_t>(p, in.as<int64_t>(), out.as<int64_t>());
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_REDUCE_PROD = {tflfb::BuiltinOperator_REDUCE_PROD,
                                         nullptr,
                                         "REDUCE_PROD",
                                         1,
                                         kPure,
                                         "f32 i32 i64",
                                         reduce_prod_prepare,
                                         reduce_prod_eval};

}  // namespace tfb
