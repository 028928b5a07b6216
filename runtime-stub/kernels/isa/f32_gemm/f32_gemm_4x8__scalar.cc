// Portable f32 GEMM over a 4 x 8 tile, written with the compiler's generic
// 4-float vectors (GCC/Clang vector extensions), which map to SSE on the
// x86-64 baseline and to scalar code elsewhere. Also the oracle the ISA
// kernels are tested against.
#include <cstring>

#include "kernels/isa/f32_gemm/f32_gemm.h"

namespace tfb {
namespace {

typedef float f32x4 __attribute__((vector_size(16)));

inline f32x4 load4(const float* p) {
  f32x4 v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}

}  // namespace

void f32_gemm_ukernel_4x8__scalar(size_t mr, size_t nc, size_t kc, size_t ks, const float* a, size_t a_stride,
                                  size_t ks_stride, const float* w, float* c, size_t c_stride, const F32MinMax& p) {
  constexpr size_t MR = 4, NR = 8;
  const float* ar[MR];
  float* cr[MR];
  for (size_t i = 0; i < MR; ++i) {
    const size_t r = i < mr ? i : mr - 1;
    ar[i] = a + r * a_stride;
    cr[i] = c + r * c_stride;
  }
  const f32x4 vmin = {p.min, p.min, p.min, p.min}, vmax = {p.max, p.max, p.max, p.max};
  for (size_t j0 = 0; j0 < nc; j0 += NR) {
    f32x4 acc[MR][2];
    const f32x4 b0 = load4(w), b1 = load4(w + 4);
    for (size_t i = 0; i < MR; ++i) acc[i][0] = b0, acc[i][1] = b1;
    w += NR;
    for (size_t s = 0; s < ks; ++s)
      for (size_t k = 0; k < kc; ++k, w += NR) {
        const f32x4 w0 = load4(w), w1 = load4(w + 4);
        for (size_t i = 0; i < MR; ++i) {
          const float x = ar[i][s * ks_stride + k];
          acc[i][0] += x * w0;
          acc[i][1] += x * w1;
        }
      }
    const size_t n = nc - j0 < NR ? nc - j0 : NR;
    for (size_t i = 0; i < MR; ++i) {
      float out[NR];
      for (size_t h = 0; h < 2; ++h) {
        f32x4 v = acc[i][h] < vmin ? vmin : acc[i][h];
        v = v > vmax ? vmax : v;
        std::memcpy(out + 4 * h, &v, sizeof(v));
      }
      std::memcpy(cr[i] + j0, out, n * sizeof(float));
    }
  }
}

}  // namespace tfb
