#include "kernels/lookup_table.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tfb {

template <class T>
void build_lookup_table(float (*fn)(float), const Tensor& in, const Tensor& out, LookupTable* t) {
  const float in_scale = in.quant.scale0();
  const int32_t in_zp = in.quant.zp0();
  const float inv_out_scale = 1.0f / out.quant.scale0();
  const int32_t out_zp = out.quant.zp0();
  constexpr int32_t lo = std::numeric_limits<T>::min(), hi = std::numeric_limits<T>::max();
  for (int32_t v = lo; v <= hi; ++v) {
    const float y = fn(in_scale * static_cast<float>(v - in_zp)) * inv_out_scale;
    const float r = std::nearbyint(y);
    // Saturate in float first: r may be far outside int32 for tiny scales.
    const int32_t q = static_cast<int32_t>(std::clamp(r, -1e9f, 1e9f)) + out_zp;
    t->value[static_cast<uint8_t>(static_cast<T>(v))] = static_cast<uint8_t>(static_cast<T>(std::clamp(q, lo, hi)));
  }
}

template void build_lookup_table<int8_t>(float (*)(float), const Tensor&, const Tensor&, LookupTable*);
template void build_lookup_table<uint8_t>(float (*)(float), const Tensor&, const Tensor&, LookupTable*);

}  // namespace tfb
