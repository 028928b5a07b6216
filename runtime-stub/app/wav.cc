#include "app/wav.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace tfb {

namespace {

uint32_t le32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24); }
uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

constexpr uint16_t kFormatPcm = 1, kFormatFloat = 3, kFormatExtensible = 0xFFFE;
constexpr size_t kMaxSamples = size_t{1} << 30;

Status bad(const char* what) { return Error(ErrorKind::kBadInput, "not a readable WAV file: %s", what); }

}  // namespace

bool looks_like_wav(std::span<const uint8_t> bytes) {
  return bytes.size() >= 12 && !std::memcmp(bytes.data(), "RIFF", 4) && !std::memcmp(bytes.data() + 8, "WAVE", 4);
}

Status decode_wav(std::span<const uint8_t> bytes, Audio* out) {
  if (!looks_like_wav(bytes)) return bad("missing RIFF/WAVE header");
  uint16_t format = 0, channels = 0, bits = 0;
  uint32_t rate = 0;
  const uint8_t* data = nullptr;
  size_t data_size = 0;
  size_t pos = 12;
  while (pos + 8 <= bytes.size()) {
    const uint8_t* chunk = bytes.data() + pos;
    size_t size = le32(chunk + 4);
    size_t avail = bytes.size() - pos - 8;
    if (!std::memcmp(chunk, "fmt ", 4)) {
      if (size < 16 || size > avail) return bad("truncated 'fmt ' chunk");
      format = le16(chunk + 8);
      channels = le16(chunk + 10);
      rate = le32(chunk + 12);
      bits = le16(chunk + 22);
      if (format == kFormatExtensible && size >= 40) format = le16(chunk + 32);  // sub-format GUID starts with the code
    } else if (!std::memcmp(chunk, "data", 4)) {
      data = chunk + 8;
      data_size = std::min(size, avail);  // a truncated last chunk still yields its whole samples
      break;
    }
    if (size > avail) return bad("chunk runs past the end of the file");
    pos += 8 + size + (size & 1);
  }
  if (!format) return bad("no 'fmt ' chunk");
  if (!data) return bad("no 'data' chunk");
  if (channels == 0 || channels > 64) return bad("channel count out of range");
  if (rate < 100 || rate > 1000000) return bad("sample rate out of range");
  bool pcm = format == kFormatPcm && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
  bool flt = format == kFormatFloat && bits == 32;
  if (!pcm && !flt) return Error(ErrorKind::kBadInput, "WAV format %u with %u-bit samples is not supported (PCM 8/16/24/32-bit or 32-bit float)", format, bits);
  const size_t width = bits / 8;
  size_t n = data_size / width;
  n -= n % channels;
  if (n > kMaxSamples) return bad("too many samples");
  if (n == 0) return bad("the 'data' chunk holds no samples");
  out->sample_rate = static_cast<int>(rate);
  out->channels = channels;
  out->samples.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint8_t* p = data + i * width;
    float v;
    if (flt) {
      std::memcpy(&v, p, 4);
      if (!std::isfinite(v)) v = 0.f;
    } else if (bits == 8) {
      v = (static_cast<int>(p[0]) - 128) / 128.f;
    } else if (bits == 16) {
      v = static_cast<int16_t>(le16(p)) / 32768.f;
    } else if (bits == 24) {
      int32_t s = static_cast<int32_t>((p[0] << 8) | (p[1] << 16) | (static_cast<uint32_t>(p[2]) << 24)) >> 8;
      v = s / 8388608.f;
    } else {
      v = static_cast<float>(static_cast<int32_t>(le32(p)) / 2147483648.0);
    }
    out->samples[i] = v;
  }
  return OkStatus();
}

Audio convert_audio_channels(const Audio& in, int channels) {
  if (in.channels == channels) return in;
  Audio out;
  out.sample_rate = in.sample_rate;
  out.channels = channels;
  const size_t frames = in.frames();
  out.samples.resize(frames * channels);
  for (size_t f = 0; f < frames; ++f) {
    float mono = 0;
    for (int c = 0; c < in.channels; ++c) mono += in.samples[f * in.channels + c];
    mono /= static_cast<float>(in.channels);
    for (int c = 0; c < channels; ++c) out.samples[f * channels + c] = mono;
  }
  return out;
}

Audio resample(const Audio& in, int rate) {
  if (in.sample_rate == rate || in.frames() == 0) return in;
  // Windowed-sinc interpolation; the cutoff follows the lower of the two
  // Nyquist frequencies so downsampling does not alias.
  constexpr int kHalfTaps = 16;
  const double ratio = static_cast<double>(rate) / in.sample_rate;
  const double cutoff = std::min(1.0, ratio);
  const size_t in_frames = in.frames();
  const size_t out_frames = static_cast<size_t>(std::floor(in_frames * ratio));
  Audio out;
  out.sample_rate = rate;
  out.channels = in.channels;
  out.samples.assign(out_frames * in.channels, 0.f);
  const double reach = kHalfTaps / cutoff;
  for (size_t o = 0; o < out_frames; ++o) {
    const double t = o / ratio;  // position in input frames
    const long lo = static_cast<long>(std::ceil(t - reach)), hi = static_cast<long>(std::floor(t + reach));
    for (int c = 0; c < in.channels; ++c) {
      double acc = 0, norm = 0;
      for (long i = std::max(lo, 0L); i <= std::min(hi, static_cast<long>(in_frames) - 1); ++i) {
        const double x = (i - t) * cutoff;
        const double sinc = x == 0 ? 1.0 : std::sin(M_PI * x) / (M_PI * x);
        const double window = 0.5 + 0.5 * std::cos(M_PI * (i - t) / reach);  // Hann
        const double w = sinc * window;
        acc += w * in.samples[static_cast<size_t>(i) * in.channels + c];
        norm += w;
      }
      out.samples[o * in.channels + c] = static_cast<float>(norm != 0 ? acc / norm : 0.0);
    }
  }
  return out;
}

}  // namespace tfb
