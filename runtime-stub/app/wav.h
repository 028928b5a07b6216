// WAV audio in: RIFF/WAVE with PCM (8/16/24/32-bit) or IEEE float samples,
// any channel count, converted to float in [-1, 1], mixed down and
// resampled to what the model expects.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "interpreter/status.h"

namespace tfb {

struct Audio {
  int sample_rate = 0;
  int channels = 0;
  std::vector<float> samples;  // interleaved
  size_t frames() const { return channels ? samples.size() / channels : 0; }
};

bool looks_like_wav(std::span<const uint8_t> bytes);
Status decode_wav(std::span<const uint8_t> bytes, Audio* out);

// Averages channels into one (or duplicates mono into `channels`).
Audio convert_audio_channels(const Audio& in, int channels);
// Band-limited resampling (windowed sinc) to `rate`.
Audio resample(const Audio& in, int rate);

}  // namespace tfb
