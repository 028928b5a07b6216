// Filling input tensors from decoded files: geometry, normalization
// (x - mean) / std, and quantization to the tensor's dtype.
#pragma once

#include <vector>

#include "app/image.h"
#include "app/wav.h"
#include "interpreter/tensor.h"

namespace tfb {

// Where an image sits in an input tensor.
struct ImageGeometry {
  int height = 0, width = 0, channels = 0;
  bool channels_first = false;  // [1, C, H, W]
};
// Recognizes [1,H,W,C] and [H,W,C] (C = 1 or 3), [1,C,H,W], and [1,H,W] or
// [H,W] (one channel).
bool image_geometry(const Shape& s, ImageGeometry* g);

struct ImagePrep {
  std::vector<float> mean = {0.f};  // one value, or one per channel
  std::vector<float> std = {1.f};
  ResizeMode resize = ResizeMode::kStretch;
};

// Resizes, converts channels, normalizes and quantizes `img` into `t`.
Status write_image(const Image& img, const ImagePrep& prep, Tensor& t);
// Writes the first samples of `audio` (already at the model's rate and
// channel count) into `t`, zero-padding a short clip.
Status write_audio(const Audio& audio, Tensor& t);
// Writes token ids into an int32/int64 tensor of the same length.
Status write_tokens(const std::vector<int32_t>& ids, Tensor& t);

// Element i of t as a real number (dequantized), and the reverse.
double read_real(const Tensor& t, int64_t i);
void write_real(Tensor& t, int64_t i, double v);

// The normalization that maps pixels 0..255 onto the whole quantized range
// of `t` (q = pixel for uint8, pixel - 128 for int8): the default for
// quantized image inputs without metadata.
void full_range_normalization(const Tensor& t, float* mean, float* std);

}  // namespace tfb
