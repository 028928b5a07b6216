// Prepare-time checks shared by the convolution-family kernels.
#pragma once

#include <cstdint>
#include <vector>

#include "interpreter/context.h"

namespace tfb {

// A float bias (or none) with one value per output channel.
Status check_float_bias(const Tensor* bias, int64_t channels);

// Per-channel filter quantization must run along the output-channel `axis`.
Status check_filter_axis(const Tensor& filter, int axis);

// The filter scale of each of `channels` output channels of a hybrid layer:
// one positive scale, or one per channel along `axis`.
Status hybrid_filter_scales(const Tensor& filter, int64_t channels, int axis, std::vector<float>* out);

}  // namespace tfb
