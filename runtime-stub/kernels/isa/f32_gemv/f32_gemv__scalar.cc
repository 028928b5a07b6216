// One dot product per row, summed in order: the reference.
#include "kernels/isa/f32_gemv/f32_gemv.h"

namespace tfb {

void f32_gemv_ukernel__scalar(size_t rows, size_t depth, const float* w, const float* x, const float* bias, float* out,
                              const F32MinMax& p) {
  for (size_t j = 0; j < rows; ++j, w += depth) {
    float acc = bias ? bias[j] : 0.f;
    for (size_t k = 0; k < depth; ++k) acc += w[k] * x[k];
    acc = acc < p.min ? p.min : acc;
    out[j] = acc > p.max ? p.max : acc;
  }
}

}  // namespace tfb
