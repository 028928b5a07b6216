#include "app/image.h"

#include <stb_image.h>
#include <stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>

namespace tfb {

namespace {
constexpr int kMaxSide = 1 << 15;
constexpr int64_t kMaxPixels = int64_t{1} << 28;

struct StbFree {
  void operator()(stbi_uc* p) const { stbi_image_free(p); }
};

// stb_image sizes its buffer from each PNG chunk's declared length before
// reading the chunk, so a 374-byte file declaring a 1.3 GB IDAT made it ask
// for 2 GiB (found by fuzz_image). Every chunk must fit in the file.
bool png_chunks_fit(std::span<const uint8_t> b) {
  static constexpr uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (b.size() < 8 || std::memcmp(b.data(), kSignature, 8) != 0) return true;  // not a PNG
  for (size_t at = 8; at + 8 <= b.size();) {
    const uint64_t length = uint64_t{b[at]} << 24 | uint64_t{b[at + 1]} << 16 | uint64_t{b[at + 2]} << 8 | b[at + 3];
    if (length + 12 > b.size() - at) return false;
    if (std::memcmp(b.data() + at + 4, "IEND", 4) == 0) return true;
    at += 12 + length;
  }
  return true;  // stb reports a missing IEND itself
}
}  // namespace

bool looks_like_image(std::span<const uint8_t> bytes) {
  if (bytes.size() < 4) return false;
  int w, h, c;
  return stbi_info_from_memory(bytes.data(), static_cast<int>(std::min<size_t>(bytes.size(), 1 << 30)), &w, &h, &c) != 0;
}

Status decode_image(std::span<const uint8_t> bytes, Image* out) {
  if (bytes.size() > (size_t{1} << 30)) return Error(ErrorKind::kBadInput, "image file is larger than 1 GiB");
  const int len = static_cast<int>(bytes.size());
  int w = 0, h = 0, c = 0;
  if (!stbi_info_from_memory(bytes.data(), len, &w, &h, &c))
    return Error(ErrorKind::kBadInput, "not a readable image (JPEG, PNG, BMP, PGM/PPM expected): %s",
                 stbi_failure_reason() ? stbi_failure_reason() : "unknown format");
  if (!png_chunks_fit(bytes)) return Error(ErrorKind::kBadInput, "PNG is truncated: a chunk runs past the end of the file");
  if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide || int64_t{w} * h > kMaxPixels)
    return Error(ErrorKind::kBadInput, "image is %dx%d, larger than this app accepts", w, h);
  const int want = (c == 1 || c == 2) ? 1 : 3;
  std::unique_ptr<stbi_uc, StbFree> px(stbi_load_from_memory(bytes.data(), len, &w, &h, &c, want));
  if (!px)
    return Error(ErrorKind::kBadInput, "image cannot be decoded: %s",
                 stbi_failure_reason() ? stbi_failure_reason() : "corrupt data");
  out->width = w;
  out->height = h;
  out->channels = want;
  out->pixels.assign(px.get(), px.get() + static_cast<size_t>(w) * h * want);
  return OkStatus();
}

bool parse_resize_mode(const std::string& s, ResizeMode* out) {
  if (s == "stretch") *out = ResizeMode::kStretch;
  else if (s == "crop") *out = ResizeMode::kCrop;
  else if (s == "pad") *out = ResizeMode::kPad;
  else return false;
  return true;
}

const char* resize_mode_name(ResizeMode m) {
  switch (m) {
    case ResizeMode::kStretch: return "stretch";
    case ResizeMode::kCrop: return "crop";
    case ResizeMode::kPad: return "pad";
  }
  return "?";
}

namespace {
// Bilinear sampling of the source window [x0, x0+sw) x [y0, y0+sh) onto a
// dw x dh block of `out` at (ox, oy).
void bilinear(const Image& in, double x0, double y0, double sw, double sh, Image* out, int ox, int oy, int dw,
              int dh) {
  const int c = in.channels;
  for (int y = 0; y < dh; ++y) {
    double sy = y0 + (y + 0.5) * sh / dh - 0.5;
    sy = std::clamp(sy, 0.0, static_cast<double>(in.height - 1));
    int y_lo = static_cast<int>(std::floor(sy));
    int y_hi = std::min(y_lo + 1, in.height - 1);
    double fy = sy - y_lo;
    for (int x = 0; x < dw; ++x) {
      double sx = x0 + (x + 0.5) * sw / dw - 0.5;
      sx = std::clamp(sx, 0.0, static_cast<double>(in.width - 1));
      int x_lo = static_cast<int>(std::floor(sx));
      int x_hi = std::min(x_lo + 1, in.width - 1);
      double fx = sx - x_lo;
      uint8_t* dst = &out->pixels[(static_cast<size_t>(oy + y) * out->width + ox + x) * c];
      for (int k = 0; k < c; ++k) {
        double top = in.at(x_lo, y_lo, k) * (1 - fx) + in.at(x_hi, y_lo, k) * fx;
        double bottom = in.at(x_lo, y_hi, k) * (1 - fx) + in.at(x_hi, y_hi, k) * fx;
        dst[k] = static_cast<uint8_t>(std::lround(std::clamp(top * (1 - fy) + bottom * fy, 0.0, 255.0)));
      }
    }
  }
}
}  // namespace

Image resize_image(const Image& in, int width, int height, ResizeMode mode) {
  Image out;
  out.width = width;
  out.height = height;
  out.channels = in.channels;
  out.pixels.assign(static_cast<size_t>(width) * height * in.channels, 0);
  const double sx = static_cast<double>(width) / in.width, sy = static_cast<double>(height) / in.height;
  switch (mode) {
    case ResizeMode::kStretch: bilinear(in, 0, 0, in.width, in.height, &out, 0, 0, width, height); break;
    case ResizeMode::kCrop: {
      double s = std::max(sx, sy);  // cover the target, cut the overflow
      double cw = width / s, ch = height / s;
      bilinear(in, (in.width - cw) / 2, (in.height - ch) / 2, cw, ch, &out, 0, 0, width, height);
      break;
    }
    case ResizeMode::kPad: {
      double s = std::min(sx, sy);  // fit inside the target, pad the rest
      int dw = std::max(1, static_cast<int>(std::lround(in.width * s)));
      int dh = std::max(1, static_cast<int>(std::lround(in.height * s)));
      bilinear(in, 0, 0, in.width, in.height, &out, (width - dw) / 2, (height - dh) / 2, dw, dh);
      break;
    }
  }
  return out;
}

Image convert_channels(const Image& in, int channels) {
  if (in.channels == channels) return in;
  Image out;
  out.width = in.width;
  out.height = in.height;
  out.channels = channels;
  const size_t n = static_cast<size_t>(in.width) * in.height;
  out.pixels.resize(n * channels);
  for (size_t i = 0; i < n; ++i) {
    if (channels == 1) {
      const uint8_t* p = &in.pixels[i * 3];
      out.pixels[i] = static_cast<uint8_t>(std::lround(0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2]));
    } else {
      std::memset(&out.pixels[i * 3], in.pixels[i], 3);
    }
  }
  return out;
}

std::vector<uint8_t> encode_png(const Image& img) {
  std::vector<uint8_t> out;
  stbi_write_png_to_func(
      [](void* ctx, void* data, int size) {
        auto* v = static_cast<std::vector<uint8_t>*>(ctx);
        v->insert(v->end(), static_cast<uint8_t*>(data), static_cast<uint8_t*>(data) + size);
      },
      &out, img.width, img.height, img.channels, img.pixels.data(), img.width * img.channels);
  return out;
}

}  // namespace tfb
