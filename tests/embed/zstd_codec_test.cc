#include "embed/zstd_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <span>
#include <vector>

namespace tfb {
namespace {

// 20 MiB of bytes that compress somewhat (runs of random length and value).
std::vector<uint8_t> sample_bytes() {
  std::mt19937 rng(3);
  std::vector<uint8_t> bytes;
  while (bytes.size() < (size_t{20} << 20)) bytes.insert(bytes.end(), 1 + rng() % 7, static_cast<uint8_t>(rng()));
  return bytes;
}

TEST(ZstdCodec, DecodesInPartsAndReportsEachPartOfTheInputOnce) {
  const std::vector<uint8_t> original = sample_bytes();
  std::vector<uint8_t> frame;
  ASSERT_TRUE(embed::zstd_compress(original, 1, &frame).ok());
  ASSERT_GT(frame.size(), size_t{4} << 20) << "the test needs more than two 2 MiB input parts";
  std::vector<std::span<const uint8_t>> parts;
  embed::Blob out;
  embed::Error e = embed::zstd_decompress(frame, original.size(), &out,
                                          [&](std::span<const uint8_t> part) { parts.push_back(part); });
  ASSERT_TRUE(e.ok()) << e.message;
  ASSERT_EQ(out.size(), original.size());
  EXPECT_TRUE(std::equal(original.begin(), original.end(), out.data()));
  ASSERT_GE(parts.size(), 3u);
  const uint8_t* next = frame.data();
  for (std::span<const uint8_t> part : parts) {
    EXPECT_EQ(part.data(), next) << "parts are consecutive, in order";
    next = part.data() + part.size();
  }
  EXPECT_EQ(next, frame.data() + frame.size()) << "the parts cover the whole input";
}

TEST(ZstdCodec, RefusesAFrameThatIsNotTheDeclaredSize) {
  const std::vector<uint8_t> original(100000, 7);
  std::vector<uint8_t> frame;
  ASSERT_TRUE(embed::zstd_compress(original, 3, &frame).ok());
  embed::Blob out;
  EXPECT_FALSE(embed::zstd_decompress(frame, original.size() - 1, &out).ok());
  std::vector<uint8_t> corrupt = frame;
  corrupt[corrupt.size() / 2] ^= 0x55;
  corrupt.back() ^= 0x55;  // the content checksum
  EXPECT_FALSE(embed::zstd_decompress(corrupt, original.size(), &out).ok());
}

}  // namespace
}  // namespace tfb
