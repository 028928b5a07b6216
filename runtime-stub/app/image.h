// Images in: decoding (JPEG, PNG, BMP, PGM/PPM, via Debian's stb) and the
// geometry the app applies before a model sees them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "interpreter/status.h"

namespace tfb {

// 8-bit interleaved pixels, row-major, top row first.
struct Image {
  int width = 0, height = 0, channels = 0;  // channels: 1 (gray) or 3 (RGB)
  std::vector<uint8_t> pixels;
  uint8_t at(int x, int y, int c) const { return pixels[(static_cast<size_t>(y) * width + x) * channels + c]; }
};

// True when the bytes start like a format decode_image reads.
bool looks_like_image(std::span<const uint8_t> bytes);

// Decodes an image file's bytes into 1 or 3 channels (alpha is dropped,
// gray+alpha becomes gray). Errors name what is wrong ("not an image",
// "truncated PNG", dimensions too large).
Status decode_image(std::span<const uint8_t> bytes, Image* out);

// How an image of another aspect ratio is fitted to the model's input.
enum class ResizeMode {
  kStretch,  // scale each axis independently (what TFLite's Task Library does)
  kCrop,     // scale to cover, then cut the centre
  kPad,      // scale to fit, then pad the borders with black
};
bool parse_resize_mode(const std::string& s, ResizeMode* out);
const char* resize_mode_name(ResizeMode m);

// Bilinear resize with pixel centres at +0.5 (as TFLite's RESIZE_BILINEAR
// with half_pixel_centers, and libyuv), in the given mode.
Image resize_image(const Image& in, int width, int height, ResizeMode mode);

// Converts to 1 channel (luma, ITU-R BT.601 weights) or 3 (gray replicated).
Image convert_channels(const Image& in, int channels);

// Encodes 8-bit gray or RGB pixels as PNG.
std::vector<uint8_t> encode_png(const Image& img);

}  // namespace tfb
