#include "kernels/arg_min_max.h"

#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct ArgState : KernelState {
  AxisView view;
};

template <bool kMax, class T, class O>
void arg_along_axis(const AxisView& v, const T* in, O* out) {
  for (int64_t o = 0; o < v.outer; ++o) {
    const T* block = in + o * v.size * v.inner;
    for (int64_t i = 0; i < v.inner; ++i) {
      T best = block[i];
      int64_t at = 0;
      for (int64_t k = 1; k < v.size; ++k) {
        const T x = block[k * v.inner + i];
        if (kMax ? x > best : x < best) {
          best = x;
          at = k;
        }
      }
      out[o * v.inner + i] = static_cast<O>(at);
    }
  }
}

template <bool kMax, class T>
void dispatch_output(const AxisView& v, const T* in, Tensor& out) {
  if (out.type == DType::kI64)
    arg_along_axis<kMax>(v, in, out.as<int64_t>());
  else
    arg_along_axis<kMax>(v, in, out.as<int32_t>());
}

}  // namespace

Status arg_min_max_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(in.type == DType::kF32 || in.type == DType::kI8 || in.type == DType::kU8 || in.type == DType::kI16 ||
                    in.type == DType::kI32 || in.type == DType::kI64 || in.type == DType::kBool,
                "%s on %s is not supported", n.kernel->name, dtype_name(in.type));
  TFB_REQUIRE(out.type == DType::kI32 || out.type == DType::kI64, "output must be int32 or int64, is %s",
              dtype_name(out.type));
  std::vector<int64_t> axis_values;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "axis", &axis_values));
  TFB_REQUIRE(axis_values.size() == 1, "axis must hold one value, has %zu", axis_values.size());
  int axis;
  TFB_RETURN_IF_ERROR(resolve_axis(static_cast<int>(std::clamp<int64_t>(axis_values[0], -kMaxRank - 1, kMaxRank + 1)),
                                   in.rank(), &axis));
  TFB_REQUIRE(in.rank() > 0 && in.dim(axis) > 0, "cannot take %s over an empty axis of %s", n.kernel->name,
              in.shape.str().c_str());
  auto s = std::make_unique<ArgState>();
  s->view = axis_view(in.shape, axis);
  Shape shape;
  for (int d = 0; d < in.rank(); ++d)
    if (d != axis) shape.dim[shape.rank++] = in.dim(d);
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

template <bool kMax>
Status arg_min_max_eval(Context& ctx, Node& n) {
  const AxisView& v = n.state_as<ArgState>().view;
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  switch (in.type) {
    case DType::kF32:
      dispatch_output<kMax>(v, in.as<float>(), out);
      break;
    case DType::kI8:
      dispatch_output<kMax>(v, in.as<int8_t>(), out);
      break;
    case DType::kU8:
    case DType::kBool:
      dispatch_output<kMax>(v, in.as<uint8_t>(), out);
      break;
    case DType::kI16:
      dispatch_output<kMax>(v, in.as<int16_t>(), out);
      break;
    case DType::kI32:
      dispatch_output<kMax>(v, in.as<int32_t>(), out);
      break;
    default:
      dispatch_output<kMax>(v, in.as<int64_t>(), out);
  }
  return OkStatus();
}

template Status arg_min_max_eval<true>(Context&, Node&);
template Status arg_min_max_eval<false>(Context&, Node&);

}  // namespace tfb
