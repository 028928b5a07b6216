// FULLY_CONNECTED: out[b, n] = sum_k in[b, k] * filter[n, k] + bias[n].
#include <Eigen/Core>

#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct FullyConnectedState : KernelState {
  int64_t batches = 0, units = 0, depth = 0;
  FloatRange act;
};

Status fully_connected_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 3, 1));
  Tensor& in = ctx.input(n, 0);
  Tensor& filter = ctx.input(n, 1);
  Tensor* bias = ctx.optional_input(n, 2);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(in.type == DType::kF32 && filter.type == DType::kF32,
                "FULLY_CONNECTED with %s input and %s filter is not supported", dtype_name(in.type),
                dtype_name(filter.type));
  TFB_REQUIRE(filter.rank() == 2, "filter must be 2-D, is %s", filter.shape.str().c_str());
  auto* opts = n.options<tflfb::FullyConnectedOptions>();
  TFB_SUPPORTED(!opts || opts->weights_format() == tflfb::FullyConnectedOptionsWeightsFormat_DEFAULT,
                "shuffled weights format is not supported");
  auto act = opts ? opts->fused_activation_function() : tflfb::ActivationFunctionType_NONE;
  TFB_RETURN_IF_ERROR(check_fusable(act));

  auto s = std::make_unique<FullyConnectedState>();
  s->units = filter.dim(0);
  s->depth = filter.dim(1);
  TFB_REQUIRE(s->depth > 0 && in.count() % s->depth == 0, "input %s does not divide into rows of %lld",
              in.shape.str().c_str(), static_cast<long long>(s->depth));
  s->batches = in.count() / s->depth;
  if (bias) {
    TFB_REQUIRE_TYPE(*bias, DType::kF32, "bias");
    TFB_REQUIRE(bias->count() == s->units, "bias has %lld values for %lld units", static_cast<long long>(bias->count()),
                static_cast<long long>(s->units));
  }
  s->act = activation_range(act);

  Shape shape;
  if (opts && opts->keep_num_dims()) {
    shape = in.shape;
    shape.dim[shape.rank - 1] = static_cast<int32_t>(s->units);
  } else {
    shape = Shape{static_cast<int32_t>(s->batches), static_cast<int32_t>(s->units)};
  }
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status fully_connected_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<FullyConnectedState>();
  const Tensor& in = ctx.input(n, 0);
  const Tensor& filter = ctx.input(n, 1);
  const Tensor* bias = ctx.optional_input(n, 2);
  Tensor& out = ctx.output(n, 0);
  using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Eigen::Map<const RowMajor> x(in.as<float>(), s.batches, s.depth);
  Eigen::Map<const RowMajor> w(filter.as<float>(), s.units, s.depth);
  Eigen::Map<RowMajor> y(out.as<float>(), s.batches, s.units);
  y.noalias() = x * w.transpose();
  if (bias) y.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(bias->as<float>(), s.units);
  y = y.cwiseMax(s.act.min).cwiseMin(s.act.max);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_FULLY_CONNECTED = {
    tflfb::BuiltinOperator_FULLY_CONNECTED, nullptr, "FULLY_CONNECTED", 1, kPure, "f32",
    fully_connected_prepare, fully_connected_eval};

}  // namespace tfb
