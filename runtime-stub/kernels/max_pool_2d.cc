// MAX_POOL_2D: maximum over each window of an NHWC input (pooling.h).
#include "kernels/pooling.h"

namespace tfb {
namespace {
Status max_pool_prepare(Context& ctx, Node& n) { return pool_prepare(ctx, n, PoolKind::kMax); }
Status max_pool_eval(Context& ctx, Node& n) { return pool_eval(ctx, n, PoolKind::kMax); }
}  // namespace

extern const KernelDef op_MAX_POOL_2D = {tflfb::BuiltinOperator_MAX_POOL_2D,
                                         nullptr,
                                         "MAX_POOL_2D",
                                         3,
                                         kPure,
                                         "f32 i8 u8 i16",
                                         max_pool_prepare,
                                         max_pool_eval};

}  // namespace tfb
