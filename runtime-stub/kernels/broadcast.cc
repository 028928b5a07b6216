#include "kernels/broadcast.h"

#include <algorithm>

namespace tfb {

Status broadcast_shape(const Shape& a, const Shape& b, Shape* out) {
  Shape s;
  s.rank = std::max(a.rank, b.rank);
  for (int i = 0; i < s.rank; ++i) {
    int ia = a.rank - s.rank + i, ib = b.rank - s.rank + i;
    int32_t da = ia >= 0 ? a.dim[ia] : 1, db = ib >= 0 ? b.dim[ib] : 1;
    TFB_REQUIRE(da == db || da == 1 || db == 1, "shapes %s and %s cannot be broadcast", a.str().c_str(),
                b.str().c_str());
    s.dim[i] = da == 1 ? db : da;
  }
  *out = s;
  return OkStatus();
}

void broadcast_strides(const Shape& out, const Shape& in, int64_t strides[kMaxRank]) {
  int64_t stride = 1;
  for (int i = out.rank - 1; i >= 0; --i) {
    int ii = in.rank - out.rank + i;
    int32_t d = ii >= 0 ? in.dim[ii] : 1;
    strides[i] = d == 1 ? 0 : stride;
    stride *= d;
  }
}

}  // namespace tfb
