// libFuzzer target: WAV decoding, mixing and resampling.
#include "fuzz_entry.h"
#include "app/wav.h"

int tfb_fuzz_wav(const uint8_t* data, size_t size) {
  tfb::Audio a;
  if (tfb::decode_wav(std::span<const uint8_t>(data, size), &a).ok() && a.frames() <= 1024) {
    tfb::Audio mono = tfb::convert_audio_channels(a, 1);
    (void)tfb::resample(mono, 16000);
  }
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_wav)
