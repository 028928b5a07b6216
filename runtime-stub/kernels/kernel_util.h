// Helpers shared by kernels' prepare functions: dtype checks, fused
// activations, convolution padding.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "interpreter/context.h"
#include "schema/tflite_generated.h"

namespace tfb {

// --- dtype checks

#define TFB_REQUIRE_TYPE(tensor, dtype, what)                                                  \
  TFB_SUPPORTED((tensor).type == (dtype), "%s must be %s, is %s", (what), dtype_name(dtype), \
                dtype_name((tensor).type))

#define TFB_REQUIRE_SAME_TYPE(a, b, what_a, what_b)                                            \
  TFB_REQUIRE((a).type == (b).type, "%s (%s) and %s (%s) must have the same type", (what_a),   \
              dtype_name((a).type), (what_b), dtype_name((b).type))

// --- fused activations, as a clamp range

struct FloatRange {
  float min, max;
};

inline FloatRange activation_range(tflfb::ActivationFunctionType act) {
  constexpr float inf = std::numeric_limits<float>::infinity();
  switch (act) {
    case tflfb::ActivationFunctionType_RELU: return {0.f, inf};
    case tflfb::ActivationFunctionType_RELU6: return {0.f, 6.f};
    case tflfb::ActivationFunctionType_RELU_N1_TO_1: return {-1.f, 1.f};
    default: return {-inf, inf};
  }
}

// Only clamp-like activations can be fused into a kernel's output.
inline Status check_fusable(tflfb::ActivationFunctionType act) {
  TFB_SUPPORTED(act == tflfb::ActivationFunctionType_NONE || act == tflfb::ActivationFunctionType_RELU ||
                    act == tflfb::ActivationFunctionType_RELU6 || act == tflfb::ActivationFunctionType_RELU_N1_TO_1,
                "fused activation %s is not supported", tflfb::EnumNameActivationFunctionType(act));
  return OkStatus();
}

struct IntRange {
  int32_t min, max;
};

// The clamp range, in output quantized units, of a fused activation on a
// quantized output tensor.
IntRange quantized_activation_range(tflfb::ActivationFunctionType act, const Tensor& output);

// Full range of an integer dtype.
IntRange dtype_range(DType t);

// v clamped to [r.min, r.max] and truncated. Clamps in float, so an infinite
// or huge value (from a degenerate scale in an untrusted model) saturates
// instead of being an undefined float-to-int conversion; NaN gives r.min.
inline int32_t saturating_cast(float v, IntRange r) {
  if (!(v > static_cast<float>(r.min))) return r.min;
  if (!(v < static_cast<float>(r.max))) return r.max;
  return static_cast<int32_t>(v);
}

// --- convolution and pooling geometry

struct Padding2D {
  int top = 0, left = 0;            // rows/cols added before
  int extra_bottom = 0, extra_right = 0;  // 1 when the total padding is odd
  int out_h = 0, out_w = 0;
};

// Output size of a sliding window along one axis.
int window_output_size(tflfb::Padding padding, int in, int filter, int stride, int dilation);

// Padding and output size for a 2D window, as TFLite computes them.
Padding2D compute_padding(tflfb::Padding padding, int in_h, int in_w, int filter_h, int filter_w, int stride_h,
                          int stride_w, int dilation_h = 1, int dilation_w = 1);

// Normalizes a possibly negative axis; fails when out of [-rank, rank).
Status resolve_axis(int axis, int rank, int* out);

// Reads an int32 or int64 tensor's values as int64.
bool read_int_values(const Tensor& t, std::vector<int64_t>* out);

}  // namespace tfb
