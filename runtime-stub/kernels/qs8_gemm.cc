#include "kernels/qs8_gemm.h"

#include <algorithm>

#include "kernels/gemm_tasks.h"
#include "kernels/weight_packing.h"

namespace tfb {

bool QS8Gemm::applies() { return qs8_gemm_kernel(1, 1).ukernel != nullptr; }

void QS8Gemm::pack(size_t n, size_t k, const QuantFilter& w, size_t n_stride, size_t k_stride,
                   const std::vector<int64_t>& bias, DType input, int32_t a_zp, const Requantization& rq, size_t c0,
                   size_t ks) {
  kernel_ = qs8_gemm_kernel(n, k);
  n_ = n;
  k_ = k;
  ks_ = ks;
  // Weights are stored as W = w - delta, delta chosen so W fits int8: 0 for
  // int8 filters; uint8 filters minus their zero point span at most 256
  // values, but may need a shift.
  int32_t lo = 0, hi = 0;
  std::vector<int64_t> sums(n);  // of w
  for (size_t j = 0; j < n; ++j) {
    const FilterRowStats st = w.from(j * n_stride).row_stats(k, k_stride);
    lo = std::min(lo, st.lo);
    hi = std::max(hi, st.hi);
    sums[j] = st.sum;
  }
  const int32_t delta = lo >= -128 && hi <= 127 ? 0 : lo + 128;
  // The kernel reads activation bytes as A = (a ^ flip), in its own
  // signedness: A = a + shift. With a = A - shift,
  //   sum_p (a - a_zp) * w = sum_p A * W - (shift + a_zp) * sum_p W + delta * sum_p a - delta * k * a_zp,
  // so everything but sum A * W and the row sum of a (raw bytes, which are
  // unsigned whenever delta is not 0: uint8 filters go with uint8 inputs)
  // moves into the bias. Sums wrap in int32 like the kernels' (the true
  // result fits: check_accumulator_range).
  const bool a_signed = input == DType::kI8;
  const bool flip = a_signed == kernel_.a_unsigned;
  const int64_t shift = !flip ? 0 : (a_signed ? 128 : -128);
  std::vector<int32_t> folded(n);
  for (size_t j = 0; j < n; ++j) {
    const int64_t sum = sums[j] - int64_t{delta} * static_cast<int64_t>(k);  // of W
    const int64_t b = bias.empty() ? 0 : bias[c0 + j];
    const int64_t v = b - (shift + a_zp) * sum - int64_t{delta} * static_cast<int64_t>(k) * a_zp;
    folded[j] = static_cast<int32_t>(static_cast<uint32_t>(v));
  }
  packed_.resize(qs8_gemm_packed_size(kernel_.nr, kernel_.kr, n, ks, k / ks));
  pack_qs8_gemm_weights(kernel_.nr, kernel_.kr, n, ks, k / ks, w, n_stride, k_stride, delta, folded.data(),
                        rq.scale.data() + c0, packed_.data());
  params_.a_flip = flip ? 0x80808080u : 0;
  params_.a_sum_factor = delta;
  params_.min = static_cast<float>(rq.range.min - rq.zero_point);
  params_.max = static_cast<float>(rq.range.max - rq.zero_point);
  params_.zero_point = rq.zero_point;
}

void QS8Gemm::run(size_t rows, const void* a, size_t lda, void* c, size_t ldc, size_t j0, size_t j1,
                  size_t ks_stride) const {
  if (j1 <= j0) return;
  const uint8_t* w = qs8_gemm_packed_columns(packed_.data(), kernel_.nr, kernel_.kr, ks_, k_ / ks_, j0);
  const uint8_t* a8 = static_cast<const uint8_t*>(a);
  uint8_t* c8 = static_cast<uint8_t*>(c);
  for (size_t i = 0; i < rows; i += kernel_.mr)
    kernel_.ukernel(std::min(kernel_.mr, rows - i), j1 - j0, k_ / ks_, ks_, a8 + i * lda, lda, ks_stride, w,
                    c8 + i * ldc + j0, ldc, params_);
}

void QS8Gemm::run_parallel(ThreadPool& pool, size_t rows, const void* a, size_t lda, void* c, size_t ldc) const {
  const uint8_t* a8 = static_cast<const uint8_t*>(a);
  uint8_t* c8 = static_cast<uint8_t*>(c);
  parallel_gemm(pool, rows, n_, k_, kernel_.mr, kernel_.nr, [&](size_t r0, size_t r1, size_t j0, size_t j1) {
    run(r1 - r0, a8 + r0 * lda, lda, c8 + r0 * ldc, ldc, j0, j1);
  });
}

}  // namespace tfb
