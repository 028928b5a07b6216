#include "kernels/reduce_extremum.h"

#include <limits>

#include "kernels/kernel_util.h"
#include "kernels/reduction.h"

namespace tfb {
namespace {

struct ExtremumState : KernelState {
  ReducePlan plan;
};

template <bool kMax, class T>
void extremum(const ReducePlan& p, const T* in, T* out) {
  std::fill(out, out + p.output_count, kMax ? std::numeric_limits<T>::lowest() : std::numeric_limits<T>::max());
  reduce_into(p, in, out, [](T& acc, T v) { acc = kMax ? (v > acc ? v : acc) : (v < acc ? v : acc); });
}

}  // namespace

Status reduce_extremum_prepare(Context& ctx, Node& n) {
  auto s = std::make_unique<ExtremumState>();
  TFB_RETURN_IF_ERROR(prepare_reduction(ctx, n, &s->plan));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(in.type == DType::kF32 || in.type == DType::kI8 || in.type == DType::kU8 || in.type == DType::kI16 ||
                    in.type == DType::kI32 || in.type == DType::kI64,
                "%s on %s is not supported", n.kernel->name, dtype_name(in.type));
  TFB_REQUIRE(in.quant.scale0() == out.quant.scale0() && in.quant.zp0() == out.quant.zp0(),
              "input and output quantization must match");
  n.state = std::move(s);
  return OkStatus();
}

template <bool kMax>
Status reduce_extremum_eval(Context& ctx, Node& n) {
  const ReducePlan& p = n.state_as<ExtremumState>().plan;
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32:
      extremum<kMax>(p, in.as<float>(), out.as<float>());
      break;
    case DType::kI8:
      extremum<kMax>(p, in.as<int8_t>(), out.as<int8_t>());
      break;
    case DType::kU8:
      extremum<kMax>(p, in.as<uint8_t>(), out.as<uint8_t>());
      break;
    case DType::kI16:
      extremum<kMax>(p, in.as<int16_t>(), out.as<int16_t>());
      break;
    case DType::kI32:
      extremum<kMax>(p, in.as<int32_t>(), out.as<int32_t>());
      break;
    default:
      extremum<kMax>(p, in.as<int64_t>(), out.as<int64_t>());
  }
  return OkStatus();
}

template Status reduce_extremum_eval<true>(Context&, Node&);
template Status reduce_extremum_eval<false>(Context&, Node&);

}  // namespace tfb
