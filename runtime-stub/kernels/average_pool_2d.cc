// AVERAGE_POOL_2D: mean over each window of an NHWC input (pooling.h).
#include "kernels/pooling.h"

namespace tfb {
namespace {
Status average_pool_prepare(Context& ctx, Node& n) { return pool_prepare(ctx, n, PoolKind::kAverage); }
Status average_pool_eval(Context& ctx, Node& n) { return pool_eval(ctx, n, PoolKind::kAverage); }
}  // namespace

extern const KernelDef op_AVERAGE_POOL_2D = {tflfb::BuiltinOperator_AVERAGE_POOL_2D,
                                             nullptr,
                                             "AVERAGE_POOL_2D",
                                             3,
                                             kPure,
                                             "f32 i8 u8 i16",
                                             average_pool_prepare,
                                             average_pool_eval};

}  // namespace tfb
