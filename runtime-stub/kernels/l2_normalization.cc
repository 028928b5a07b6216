// L2_NORMALIZATION: x / max(||x||, 1e-6) over the last axis (float32).
#include <cmath>

#include "kernels/unary_op.h"

namespace tfb {
namespace {

Status l2_normalization_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(prepare_unary(ctx, n, "L2_NORMALIZATION", is_f32));
  TFB_REQUIRE(ctx.input(n, 0).rank() >= 1, "L2_NORMALIZATION input must have rank >= 1, is a scalar");
  auto* o = n.options<tflfb::L2NormOptions>();
  const auto act = o ? o->fused_activation_function() : tflfb::ActivationFunctionType_NONE;
  TFB_SUPPORTED(act == tflfb::ActivationFunctionType_NONE, "L2_NORMALIZATION with a fused activation is not supported");
  return OkStatus();
}

Status l2_normalization_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const int64_t depth = in.dim(in.rank() - 1);
  const int64_t rows = depth ? in.count() / depth : 0;
  const float* x = in.as<float>();
  float* y = out.as<float>();
  for (int64_t r = 0; r < rows; ++r, x += depth, y += depth) {
    float sum = 0.f;
    for (int64_t i = 0; i < depth; ++i) sum += x[i] * x[i];
    const float norm = std::max(std::sqrt(sum), 1e-6f);
    for (int64_t i = 0; i < depth; ++i) y[i] = x[i] / norm;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_L2_NORMALIZATION = {tflfb::BuiltinOperator_L2_NORMALIZATION,
                                              nullptr,
                                              "L2_NORMALIZATION",
                                              2,
                                              kPure,
                                              "f32",
                                              l2_normalization_prepare,
                                              l2_normalization_eval};

}  // namespace tfb
