#include "app/image.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

Image solid(int w, int h, int c, uint8_t v) {
  Image img;
  img.width = w, img.height = h, img.channels = c;
  img.pixels.assign(static_cast<size_t>(w) * h * c, v);
  return img;
}

TEST(Image, DecodesEveryFormatOfTheSharedInputs) {
  TFB_REQUIRE_SHARED();
  // A paletted BMP (the mask) decodes to RGB: its palette is expanded.
  struct Case { const char* file; int w, h, c; };
  for (Case k : {Case{"burger.jpg", 480, 325, 3}, Case{"grace_hopper.bmp", 517, 606, 3},
                 Case{"mnist_sample3.png", 28, 28, 1}, Case{"bird_segmentation_mask.bmp", 513, 513, 3}}) {
    Image img;
    Status st = decode_image(read_file(shared_dir() / "models/inputs" / k.file), &img);
    ASSERT_TRUE(st.ok()) << k.file << ": " << st.message();
    EXPECT_EQ(img.width, k.w) << k.file;
    EXPECT_EQ(img.height, k.h) << k.file;
    EXPECT_EQ(img.channels, k.c) << k.file;
  }
}

TEST(Image, PgmAndPngRoundTrip) {
  Image img = solid(3, 2, 1, 0);
  for (size_t i = 0; i < img.pixels.size(); ++i) img.pixels[i] = static_cast<uint8_t>(i * 40);
  std::string pgm = "P5\n3 2\n255\n";
  std::vector<uint8_t> bytes(pgm.begin(), pgm.end());
  bytes.insert(bytes.end(), img.pixels.begin(), img.pixels.end());
  Image back;
  ASSERT_TRUE(decode_image(bytes, &back).ok());
  EXPECT_EQ(back.pixels, img.pixels);
  ASSERT_TRUE(decode_image(encode_png(img), &back).ok());
  EXPECT_EQ(back.pixels, img.pixels);
}

TEST(Image, RejectsCorruptAndTruncatedFiles) {
  Image img;
  std::vector<uint8_t> junk(100, 0x42);
  Status st = decode_image(junk, &img);
  EXPECT_EQ(st.kind(), ErrorKind::kBadInput);
  EXPECT_NE(st.message().find("not a readable image"), std::string::npos);
  auto png = encode_png(solid(64, 64, 3, 7));
  // Cuts inside the header or pixel data (a cut in the final IEND chunk
  // leaves a complete image, which decoders accept).
  for (size_t cut : {size_t{8}, size_t{33}, png.size() / 2}) {
    std::vector<uint8_t> part(png.begin(), png.begin() + static_cast<long>(cut));
    EXPECT_FALSE(decode_image(part, &img).ok()) << "cut at " << cut;
  }
}

TEST(Image, RejectsChunksDeclaredPastTheEndOfTheFile) {
  // A 1.3 GB IDAT length in a small file once made stb_image ask for 2 GiB.
  auto png = encode_png(solid(28, 28, 1, 9));
  const size_t idat = 8 + 12 + 13;  // signature, then IHDR (13 data bytes)
  ASSERT_EQ(std::string(png.begin() + idat + 4, png.begin() + idat + 8), "IDAT");
  for (uint32_t length : {0x50010000u, static_cast<uint32_t>(png.size())}) {
    auto bad = png;
    for (int i = 0; i < 4; ++i) bad[idat + i] = static_cast<uint8_t>(length >> (24 - 8 * i));
    Image img;
    Status st = decode_image(bad, &img);
    EXPECT_EQ(st.kind(), ErrorKind::kBadInput) << length;
    EXPECT_NE(st.message().find("chunk runs past the end"), std::string::npos) << st.message();
  }
}

TEST(Image, StretchResizeKeepsUniformColourAndInterpolates) {
  Image img = resize_image(solid(10, 5, 3, 200), 4, 4, ResizeMode::kStretch);
  EXPECT_EQ(img.width, 4);
  for (uint8_t p : img.pixels) EXPECT_EQ(p, 200);
  // A 2x1 black/white image upscaled to 4x1: half-pixel centres give
  // 0, 64, 191, 255 (samples at -0.25, 0.25, 0.75, 1.25 clamped).
  Image bw = solid(2, 1, 1, 0);
  bw.pixels[1] = 255;
  Image up = resize_image(bw, 4, 1, ResizeMode::kStretch);
  EXPECT_EQ(up.pixels, (std::vector<uint8_t>{0, 64, 191, 255}));
}

TEST(Image, PadAndCropKeepAspectRatio) {
  Image wide = solid(20, 10, 1, 255);
  Image padded = resize_image(wide, 10, 10, ResizeMode::kPad);
  EXPECT_EQ(padded.at(5, 0, 0), 0);      // top border is padding
  EXPECT_EQ(padded.at(5, 5, 0), 255);    // centre is image
  Image cropped = resize_image(wide, 10, 10, ResizeMode::kCrop);
  for (uint8_t p : cropped.pixels) EXPECT_EQ(p, 255);
}

TEST(Image, ChannelConversion) {
  Image rgb = solid(1, 1, 3, 0);
  rgb.pixels = {255, 0, 0};
  EXPECT_EQ(convert_channels(rgb, 1).pixels[0], 76);  // 0.299 * 255
  Image gray = solid(2, 1, 1, 9);
  EXPECT_EQ(convert_channels(gray, 3).pixels, (std::vector<uint8_t>(6, 9)));
}

}  // namespace
}  // namespace tfb::test
