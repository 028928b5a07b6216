#include "app/preprocess.h"

#include <algorithm>
#include <cmath>

#include "kernels/kernel_util.h"

namespace tfb {

bool image_geometry(const Shape& s, ImageGeometry* g) {
  auto is_channels = [](int c) { return c == 1 || c == 3; };
  const int r = s.rank;
  if ((r == 4 && s[0] == 1) || r == 3) {
    int o = r - 3;  // offset of H in [1,H,W,C] or [H,W,C]
    if (is_channels(s[o + 2])) {
      *g = {s[o], s[o + 1], s[o + 2], false};
      return s[o] > 0 && s[o + 1] > 0;
    }
    if (r == 4 && is_channels(s[1])) {
      *g = {s[2], s[3], s[1], true};
      return s[2] > 0 && s[3] > 0;
    }
    if (r == 3 && s[0] == 1) {
      *g = {s[1], s[2], 1, false};
      return s[1] > 0 && s[2] > 0;
    }
    return false;
  }
  if (r == 2 && s[0] > 1 && s[1] > 1) {
    *g = {s[0], s[1], 1, false};
    return true;
  }
  return false;
}

double read_real(const Tensor& t, int64_t i) {
  double q;
  switch (t.type) {
    case DType::kF32: return t.as<float>()[i];
    case DType::kF64: return t.as<double>()[i];
    case DType::kU8: q = t.as<uint8_t>()[i]; break;
    case DType::kI8: q = t.as<int8_t>()[i]; break;
    case DType::kI16: q = t.as<int16_t>()[i]; break;
    case DType::kI32: q = t.as<int32_t>()[i]; break;
    case DType::kI64: q = static_cast<double>(t.as<int64_t>()[i]); break;
    case DType::kBool: return t.as<uint8_t>()[i] ? 1.0 : 0.0;
    default: return 0.0;
  }
  if (t.quant.empty()) return q;
  return t.quant.scale0() * (q - t.quant.zp0());
}

void write_real(Tensor& t, int64_t i, double v) {
  if (t.type == DType::kF32) {
    t.as<float>()[i] = static_cast<float>(v);
    return;
  }
  if (!t.quant.empty() && t.quant.scale0() > 0) v = v / t.quant.scale0() + t.quant.zp0();
  IntRange r = dtype_range(t.type);
  const int64_t q = std::clamp<int64_t>(std::llround(v), r.min, r.max);
  switch (t.type) {
    case DType::kU8: t.as<uint8_t>()[i] = static_cast<uint8_t>(q); break;
    case DType::kI8: t.as<int8_t>()[i] = static_cast<int8_t>(q); break;
    case DType::kI16: t.as<int16_t>()[i] = static_cast<int16_t>(q); break;
    case DType::kI32: t.as<int32_t>()[i] = static_cast<int32_t>(q); break;
    default: break;
  }
}

void full_range_normalization(const Tensor& t, float* mean, float* std) {
  IntRange r = dtype_range(t.type);
  const float scale = t.quant.empty() ? 1.f : t.quant.scale0();
  const float zp = t.quant.empty() ? 0.f : static_cast<float>(t.quant.zp0());
  // (p - mean) / std = scale * (p + min - zp)  =>  q = p + min
  *std = 1.f / scale;
  *mean = zp - static_cast<float>(r.min);
  if (t.type == DType::kI32 || t.quant.empty()) *mean = 0.f, *std = 1.f;
}

Status write_image(const Image& img, const ImagePrep& prep, Tensor& t) {
  ImageGeometry g;
  if (!image_geometry(t.shape, &g))
    return Error(ErrorKind::kBadInput, "the model input %s %s does not take an image", dtype_name(t.type),
                 t.shape.str().c_str());
  if (t.type != DType::kF32 && t.type != DType::kU8 && t.type != DType::kI8 && t.type != DType::kI16 &&
      t.type != DType::kI32)
    return Error(ErrorKind::kBadInput, "cannot feed an image to a %s input", dtype_name(t.type));
  Image fitted = convert_channels(resize_image(img, g.width, g.height, prep.resize), g.channels);
  auto per_channel = [](const std::vector<float>& v, int c, float fallback) {
    return v.empty() ? fallback : v.size() == 1 ? v[0] : v[std::min<size_t>(c, v.size() - 1)];
  };
  const size_t plane = static_cast<size_t>(g.width) * g.height;
  for (size_t p = 0; p < plane; ++p) {
    for (int c = 0; c < g.channels; ++c) {
      const double std = per_channel(prep.std, c, 1.f);
      const double v = (fitted.pixels[p * g.channels + c] - per_channel(prep.mean, c, 0.f)) / (std != 0 ? std : 1.0);
      const int64_t at = g.channels_first ? static_cast<int64_t>(c * plane + p) : static_cast<int64_t>(p * g.channels + c);
      write_real(t, at, v);
    }
  }
  return OkStatus();
}

Status write_audio(const Audio& audio, Tensor& t) {
  if (t.type != DType::kF32 && t.type != DType::kI16 && t.type != DType::kI8 && t.type != DType::kU8)
    return Error(ErrorKind::kBadInput, "cannot feed audio to a %s input", dtype_name(t.type));
  const int64_t n = t.count();
  for (int64_t i = 0; i < n; ++i)
    write_real(t, i, i < static_cast<int64_t>(audio.samples.size()) ? audio.samples[static_cast<size_t>(i)] : 0.0);
  return OkStatus();
}

Status write_tokens(const std::vector<int32_t>& ids, Tensor& t) {
  if (t.type != DType::kI32 && t.type != DType::kI64)
    return Error(ErrorKind::kBadInput, "cannot feed token ids to a %s input", dtype_name(t.type));
  for (int64_t i = 0; i < t.count(); ++i) {
    int32_t id = i < static_cast<int64_t>(ids.size()) ? ids[static_cast<size_t>(i)] : 0;
    if (t.type == DType::kI32) t.as<int32_t>()[i] = id;
    else t.as<int64_t>()[i] = id;
  }
  return OkStatus();
}

}  // namespace tfb
