#include "kernels/quant_filter.h"

#include <algorithm>
#include <cstdlib>
#include <type_traits>

namespace tfb {
namespace {

// Values [i0, i1) into st; int32 lanes (|value| <= 255, at most kChunk of
// them) and locals, so the unit-stride instance vectorizes.
constexpr size_t kChunk = size_t{1} << 22;

template <class Stride>
void accumulate(const uint8_t* d, uint8_t flip, int32_t offset, size_t i0, size_t i1, Stride stride,
                FilterRowStats* st) {
  int32_t sum = 0, abs_sum = 0, lo = st->lo, hi = st->hi;
  for (size_t i = i0; i < i1; ++i) {
    const int32_t v = int32_t{static_cast<uint8_t>(d[i * stride] ^ flip)} - offset;
    sum += v;
    abs_sum += std::abs(v);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  st->sum += sum, st->abs_sum += abs_sum, st->lo = lo, st->hi = hi;
}

}  // namespace

FilterRowStats QuantFilter::row_stats(size_t count, size_t stride) const {
  FilterRowStats st;
  if (count == 0) return st;
  st.lo = st.hi = (*this)[0];
  for (size_t i0 = 0; i0 < count; i0 += kChunk) {
    const size_t i1 = std::min(count, i0 + kChunk);
    if (stride == 1)
      accumulate(data, flip, offset, i0, i1, std::integral_constant<size_t, 1>{}, &st);
    else
      accumulate(data, flip, offset, i0, i1, stride, &st);
  }
  return st;
}

}  // namespace tfb
