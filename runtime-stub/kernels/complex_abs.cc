// COMPLEX_ABS: |z| of each complex64 element, as float32.
#include <complex>

#include "kernels/kernel_util.h"

namespace tfb {
namespace {

Status complex_abs_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(in.type == DType::kC64, "COMPLEX_ABS on %s is not supported", dtype_name(in.type));
  TFB_REQUIRE_TYPE(out, DType::kF32, "COMPLEX_ABS output");
  return ctx.set_shape(out, in.shape);
}

Status complex_abs_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  const auto* z = in.as<std::complex<float>>();
  float* y = ctx.output(n, 0).as<float>();
  for (int64_t i = 0; i < in.count(); ++i) y[i] = std::abs(z[i]);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_COMPLEX_ABS = {tflfb::BuiltinOperator_COMPLEX_ABS, nullptr, "COMPLEX_ABS", 1, kPure,
                                         "c64->f32", complex_abs_prepare, complex_abs_eval};

}  // namespace tfb
