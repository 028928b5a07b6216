// BATCH_MATMUL (float): out[..., m, n] = lhs[..., m, k] x rhs[..., k, n],
// with adj_x / adj_y transposing the last two dimensions of lhs / rhs and the
// leading (batch) dimensions broadcast numpy-style. Each batch is an Eigen
// product on the stored matrices; threads split batches, or the rows of a
// single large product.
#include <Eigen/Core>

#include "kernels/broadcast.h"
#include "kernels/kernel_util.h"
#include "kernels/parallel_tasks.h"

namespace tfb {
namespace {

struct BatchMatMulState : KernelState {
  bool adj_x = false, adj_y = false;
  int64_t m = 0, k = 0, n = 0;
  Shape batch;                                          // the output's batch dimensions
  int64_t lhs_stride[kMaxRank], rhs_stride[kMaxRank];  // per batch dimension, in matrices (0: broadcast)
};

// Offsets, in matrices, of output batch b's operands.
void operand_offsets(const BatchMatMulState& s, int64_t b, int64_t* lhs, int64_t* rhs) {
  *lhs = *rhs = 0;
  for (int d = s.batch.rank - 1; d >= 0; --d) {
    const int64_t i = b % s.batch.dim[d];
    b /= s.batch.dim[d];
    *lhs += i * s.lhs_stride[d];
    *rhs += i * s.rhs_stride[d];
  }
}

// The shape without its last two dimensions.
Shape batch_part(const Shape& s) {
  Shape b = s;
  b.rank -= 2;
  return b;
}

Status batch_matmul_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& lhs = ctx.input(n, 0);
  const Tensor& rhs = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  TFB_SUPPORTED(lhs.type == DType::kF32 && rhs.type == DType::kF32 && out.type == DType::kF32,
                "BATCH_MATMUL on %s x %s is not supported", dtype_name(lhs.type), dtype_name(rhs.type));
  TFB_REQUIRE(lhs.rank() >= 2 && rhs.rank() >= 2, "inputs must have at least 2 dimensions, are %s and %s",
              lhs.shape.str().c_str(), rhs.shape.str().c_str());
  auto* opts = n.options<tflfb::BatchMatMulOptions>();
  auto s = std::make_unique<BatchMatMulState>();
  s->adj_x = opts && opts->adj_x();
  s->adj_y = opts && opts->adj_y();
  const int lr = lhs.rank(), rr = rhs.rank();
  s->m = s->adj_x ? lhs.dim(lr - 1) : lhs.dim(lr - 2);
  s->k = s->adj_x ? lhs.dim(lr - 2) : lhs.dim(lr - 1);
  const int64_t rhs_k = s->adj_y ? rhs.dim(rr - 1) : rhs.dim(rr - 2);
  s->n = s->adj_y ? rhs.dim(rr - 2) : rhs.dim(rr - 1);
  TFB_REQUIRE(s->k == rhs_k, "inner dimensions differ: %s x %s (adj_x %d, adj_y %d)", lhs.shape.str().c_str(),
              rhs.shape.str().c_str(), s->adj_x, s->adj_y);

  TFB_RETURN_IF_ERROR(broadcast_shape(batch_part(lhs.shape), batch_part(rhs.shape), &s->batch));
  broadcast_strides(s->batch, batch_part(lhs.shape), s->lhs_stride);
  broadcast_strides(s->batch, batch_part(rhs.shape), s->rhs_stride);
  Shape shape = s->batch;
  shape.dim[shape.rank++] = static_cast<int32_t>(s->m);
  shape.dim[shape.rank++] = static_cast<int32_t>(s->n);
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ColMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

// Rows [r0, r0 + rows) of one batch's product. A stored [k][m] matrix read
// column-major is its transpose, so adj needs no copy.
void multiply(const BatchMatMulState& s, const float* x, const float* y, float* out, int64_t r0, int64_t rows) {
  Eigen::Map<RowMajor> z(out + r0 * s.n, rows, s.n);
  auto rhs = [&](auto&& left) {
    if (s.adj_y) z.noalias() = left * Eigen::Map<const ColMajor>(y, s.k, s.n);
    else z.noalias() = left * Eigen::Map<const RowMajor>(y, s.k, s.n);
  };
  if (s.adj_x) rhs(Eigen::Map<const ColMajor>(x, s.m, s.k).middleRows(r0, rows));
  else rhs(Eigen::Map<const RowMajor>(x, s.m, s.k).middleRows(r0, rows));
}

Status batch_matmul_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<BatchMatMulState>();
  const float* x = ctx.input(n, 0).as<float>();
  const float* y = ctx.input(n, 1).as<float>();
  float* out = ctx.output(n, 0).as<float>();
  const int64_t batches = s.batch.count();
  const int64_t macs = std::max<int64_t>(1, s.m * s.n * s.k);
  auto one = [&](int64_t b, int64_t r0, int64_t rows) {
    int64_t lo, ro;
    operand_offsets(s, b, &lo, &ro);
    multiply(s, x + lo * s.m * s.k, y + ro * s.k * s.n, out + b * s.m * s.n, r0, rows);
  };
  if (batches >= max_tasks(ctx.pool())) {
    parallel_tasks(ctx.pool(), batches, std::max<int64_t>(1, kMinMacsPerTask / macs), [&](int, int64_t b0, int64_t b1) {
      for (int64_t b = b0; b < b1; ++b) one(b, 0, s.m);
    });
  } else {
    const int64_t row_grain = std::max<int64_t>(1, kMinMacsPerTask / std::max<int64_t>(1, s.n * s.k));
    for (int64_t b = 0; b < batches; ++b)
      parallel_tasks(ctx.pool(), s.m, row_grain, [&](int, int64_t r0, int64_t r1) { one(b, r0, r1 - r0); });
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_BATCH_MATMUL = {tflfb::BuiltinOperator_BATCH_MATMUL, nullptr, "BATCH_MATMUL", 1, kPure, "f32",
                                          batch_matmul_prepare, batch_matmul_eval};

}  // namespace tfb
