// SELECT_V2: out = cond ? x : y with numpy broadcasting across all three
// inputs. Any fixed-size dtype: values are moved, not interpreted.
#include "kernels/broadcast.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

Status select_v2_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 3, 3, 1));
  const Tensor& cond = ctx.input(n, 0);
  const Tensor& x = ctx.input(n, 1);
  const Tensor& y = ctx.input(n, 2);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_TYPE(cond, DType::kBool, "condition");
  TFB_REQUIRE_SAME_TYPE(x, y, "input 1", "input 2");
  TFB_REQUIRE_SAME_TYPE(x, out, "input 1", "output");
  const size_t size = dtype_size(x.type);
  TFB_SUPPORTED(size == 1 || size == 2 || size == 4 || size == 8, "SELECT_V2 on %s is not supported",
                dtype_name(x.type));
  Shape cx, shape;
  TFB_RETURN_IF_ERROR(broadcast_shape(cond.shape, x.shape, &cx));
  TFB_RETURN_IF_ERROR(broadcast_shape(cx, y.shape, &shape));
  return ctx.set_shape(out, shape);
}

template <class T>
void select(const Tensor& cond, const Tensor& x, const Tensor& y, Tensor& out) {
  const bool* pc = cond.as<bool>();
  const T* px = x.as<T>();
  const T* py = y.as<T>();
  T* po = out.as<T>();
  const int64_t total = out.count();
  if (total == 0) return;
  if (cond.shape == out.shape && x.shape == out.shape && y.shape == out.shape) {
    for (int64_t i = 0; i < total; ++i) po[i] = pc[i] ? px[i] : py[i];
    return;
  }
  // Walk the output in runs along its last dimension, as binary_broadcast does.
  int64_t sc[kMaxRank], sx[kMaxRank], sy[kMaxRank], idx[kMaxRank] = {};
  broadcast_strides(out.shape, cond.shape, sc);
  broadcast_strides(out.shape, x.shape, sx);
  broadcast_strides(out.shape, y.shape, sy);
  const int r = out.rank();
  const int64_t inner = r ? out.dim(r - 1) : 1;
  const int64_t c1 = r ? sc[r - 1] : 0, x1 = r ? sx[r - 1] : 0, y1 = r ? sy[r - 1] : 0;
  int64_t ci = 0, xi = 0, yi = 0;
  for (int64_t o = 0; o < total; o += inner) {
    for (int64_t k = 0; k < inner; ++k) po[o + k] = pc[ci + k * c1] ? px[xi + k * x1] : py[yi + k * y1];
    for (int d = r - 2; d >= 0; --d) {
      ci += sc[d];
      xi += sx[d];
      yi += sy[d];
      if (++idx[d] < out.dim(d)) break;
      ci -= sc[d] * out.dim(d);
      xi -= sx[d] * out.dim(d);
      yi -= sy[d] * out.dim(d);
      idx[d] = 0;
    }
  }
}

Status select_v2_eval(Context& ctx, Node& n) {
  const Tensor& cond = ctx.input(n, 0);
  const Tensor& x = ctx.input(n, 1);
  const Tensor& y = ctx.input(n, 2);
  Tensor& out = ctx.output(n, 0);
  switch (dtype_size(x.type)) {
    case 1: select<uint8_t>(cond, x, y, out); break;
    case 2: select<uint16_t>(cond, x, y, out); break;
    case 4: select<uint32_t>(cond, x, y, out); break;
    default: select<uint64_t>(cond, x, y, out); break;
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_SELECT_V2 = {tflfb::BuiltinOperator_SELECT_V2,
                                       nullptr,
                                       "SELECT_V2",
                                       2,
                                       kPure,
                                       "bool,f32,f32->f32 bool,i32,i32->i32 bool,i8,i8->i8 (any dtype)",
                                       select_v2_prepare,
                                       select_v2_eval};

}  // namespace tfb
