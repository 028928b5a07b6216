#include "app/wav.h"

#include <cmath>

#include "support/test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> make_wav(int rate, int channels, const std::vector<int16_t>& samples) {
  auto u32 = [](std::vector<uint8_t>& v, uint32_t x) { for (int i = 0; i < 4; ++i) v.push_back(static_cast<uint8_t>(x >> (8 * i))); };
  auto u16 = [](std::vector<uint8_t>& v, uint16_t x) { v.push_back(x & 0xff), v.push_back(static_cast<uint8_t>(x >> 8)); };
  std::vector<uint8_t> v = {'R', 'I', 'F', 'F'};
  u32(v, static_cast<uint32_t>(36 + samples.size() * 2));
  for (char c : std::string("WAVEfmt ")) v.push_back(static_cast<uint8_t>(c));
  u32(v, 16), u16(v, 1), u16(v, static_cast<uint16_t>(channels)), u32(v, static_cast<uint32_t>(rate));
  u32(v, static_cast<uint32_t>(rate * channels * 2)), u16(v, static_cast<uint16_t>(channels * 2)), u16(v, 16);
  for (char c : std::string("data")) v.push_back(static_cast<uint8_t>(c));
  u32(v, static_cast<uint32_t>(samples.size() * 2));
  for (int16_t s : samples) u16(v, static_cast<uint16_t>(s));
  return v;
}

TEST(Wav, ReadsTheSharedSpeechClip) {
  TFB_REQUIRE_SHARED();
  auto bytes = read_file(shared_dir() / "models/inputs/speech.wav");
  Audio a;
  ASSERT_TRUE(decode_wav(bytes, &a).ok());
  EXPECT_EQ(a.sample_rate, 16000);
  EXPECT_EQ(a.channels, 1);
  EXPECT_EQ(a.frames(), (bytes.size() - 44) / 2);
  // Sample k is the little-endian int16 at 44 + 2k, divided by 32768.
  int16_t s100 = static_cast<int16_t>(bytes[44 + 200] | (bytes[44 + 201] << 8));
  EXPECT_FLOAT_EQ(a.samples[100], s100 / 32768.f);
}

TEST(Wav, MixesStereoDown) {
  Audio a;
  ASSERT_TRUE(decode_wav(make_wav(8000, 2, {16384, -16384, 8192, 8192}), &a).ok());
  Audio mono = convert_audio_channels(a, 1);
  ASSERT_EQ(mono.samples.size(), 2u);
  EXPECT_FLOAT_EQ(mono.samples[0], 0.f);
  EXPECT_FLOAT_EQ(mono.samples[1], 0.25f);
}

TEST(Wav, ResamplingKeepsALowToneAndTheDuration) {
  Audio a;
  a.sample_rate = 8000, a.channels = 1;
  for (int i = 0; i < 8000; ++i) a.samples.push_back(static_cast<float>(std::sin(2 * M_PI * 440 * i / 8000.0)));
  Audio b = resample(a, 16000);
  ASSERT_EQ(b.frames(), 16000u);
  double max_err = 0;
  for (int i = 200; i < 15800; ++i)
    max_err = std::max(max_err, std::fabs(b.samples[i] - std::sin(2 * M_PI * 440 * i / 16000.0)));
  EXPECT_LT(max_err, 0.01);
}

TEST(Wav, RejectsBrokenFiles) {
  Audio a;
  auto good = make_wav(16000, 1, {1, 2, 3, 4});
  EXPECT_EQ(decode_wav(std::vector<uint8_t>(10, 0), &a).kind(), ErrorKind::kBadInput);
  for (size_t cut = 12; cut < 44; ++cut)
    EXPECT_FALSE(decode_wav(std::span<const uint8_t>(good.data(), cut), &a).ok()) << cut;
  auto bad_bits = good;
  bad_bits[34] = 12;  // 12-bit samples
  EXPECT_FALSE(decode_wav(bad_bits, &a).ok());
  auto huge_chunk = good;
  huge_chunk[16] = 0xff, huge_chunk[17] = 0xff, huge_chunk[18] = 0xff, huge_chunk[19] = 0x7f;
  EXPECT_FALSE(decode_wav(huge_chunk, &a).ok());
}

}  // namespace
}  // namespace tfb::test
