// Damaged apps: every truncation and every flipped payload byte is detected
// (an error, never a crash or a wrong entry); version and runtime mismatches
// are refused with a message naming the field; the payload is still found
// after bytes are appended or the section headers are lost.
#include <elf.h>

#include <cstdio>
#include <random>

#include "embed/hash.h"
#include "embed/payload_format.h"
#include "embed_test_util.h"

namespace tfb::test {
namespace {

using embed::ErrorCode;
namespace format = embed::format;

class Corruption : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = sample_model();
    labels_ = {'a', '\n', 'b', '\n'};
    app_ = make_app(tiny_elf(), {{"model.tflite", embed::EntryKind::kModel, model_},
                                 {"labels.txt", embed::EntryKind::kLabels, labels_, embed::Codec::kStored}});
    embed::PayloadReader r;
    ASSERT_TRUE(open_and_verify(app_, &r).ok());
    payload_offset_ = r.payload_offset();
    trailer_at_ = app_.size() - format::kTrailerSize;
    format::Trailer t = format::decode_trailer(app_.data() + trailer_at_);
    index_at_ = payload_offset_ + t.index_offset;
    index_size_ = t.index_size;
  }

  // Rewrites the trailer with new fields and a valid checksum.
  std::vector<uint8_t> with_trailer(const std::function<void(format::Trailer&)>& edit) const {
    auto app = app_;
    format::Trailer t = format::decode_trailer(app.data() + trailer_at_);
    edit(t);
    format::encode_trailer(t, app.data() + trailer_at_);
    return app;
  }

  // Marks the ELF file as having no section headers.
  static void drop_section_headers(std::vector<uint8_t>& app) {
    Elf64_Ehdr h;
    std::memcpy(&h, app.data(), sizeof h);
    h.e_shoff = 0;
    h.e_shnum = 0;
    h.e_shstrndx = 0;
    std::memcpy(app.data(), &h, sizeof h);
  }

  // When a damaged file still opens, its entries must be the originals.
  void expect_detected_or_intact(std::span<const uint8_t> app, const std::string& what) {
    embed::PayloadReader r;
    embed::Error e = open_and_verify(app, &r);
    if (!e.ok()) {
      EXPECT_FALSE(e.message.empty()) << what;
      EXPECT_EQ(e.message.find('\n'), std::string::npos) << what << ": one line";
      return;
    }
    std::span<const uint8_t> bytes;
    embed::Blob storage;
    ASSERT_TRUE(r.read(*r.find(embed::EntryKind::kModel), &bytes, &storage).ok()) << what;
    EXPECT_TRUE(std::equal(bytes.begin(), bytes.end(), model_.begin(), model_.end())) << what;
  }

  std::vector<uint8_t> model_, labels_, app_;
  uint64_t payload_offset_ = 0, trailer_at_ = 0, index_at_ = 0, index_size_ = 0;
};

TEST_F(Corruption, EveryTruncationIsDetected) {
  for (size_t len = 0; len < app_.size(); ++len) {
    embed::PayloadReader r;
    embed::Error e = open_and_verify(std::span<const uint8_t>(app_.data(), len), &r);
    ASSERT_FALSE(e.ok()) << "truncated to " << len << " of " << app_.size() << " bytes";
    if (len > payload_offset_)
      EXPECT_EQ(e.code, ErrorCode::kTruncated) << len << ": " << e.message;
  }
  std::printf("all %zu truncations detected\n", app_.size());
}

TEST_F(Corruption, EveryFlippedPayloadBitIsDetected) {
  // Every byte of the payload (entries, padding, index, trailer), one bit;
  // every bit of the index and the trailer.
  int flips = 0;
  for (uint64_t i = payload_offset_; i < app_.size(); ++i) {
    bool header = i >= index_at_;  // the index, the padding after it, the trailer
    for (int bit = 0; bit < (header ? 8 : 1); ++bit, ++flips) {
      auto app = app_;
      app[i] ^= static_cast<uint8_t>(1u << bit);
      embed::PayloadReader r;
      embed::Error e = open_and_verify(app, &r);
      ASSERT_FALSE(e.ok()) << "flip of bit " << bit << " at file offset " << i << " (payload offset "
                           << i - payload_offset_ << ") went unnoticed";
    }
  }
  std::printf("all %d bit flips of %llu payload bytes (every bit of the last %llu) detected\n", flips,
              static_cast<unsigned long long>(app_.size() - payload_offset_),
              static_cast<unsigned long long>(app_.size() - index_at_));
}

TEST_F(Corruption, FlippedElfHeaderBytesNeverCrashOrMisread) {
  // The ELF header and section table are not covered by hashes: damage
  // there may fall back to the trailer scan, but must never crash or return
  // other bytes than the model.
  for (uint64_t i = 0; i < payload_offset_; ++i) {
    if (i >= 80 && i < 96) continue;  // .text contents: irrelevant
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      auto app = app_;
      app[i] ^= mask;
      expect_detected_or_intact(app, "byte " + std::to_string(i));
    }
  }
}

TEST_F(Corruption, RandomDamageNeverCrashes) {
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    auto app = app_;
    int flips = 1 + static_cast<int>(rng() % 8);
    for (int f = 0; f < flips; ++f) app[rng() % app.size()] = static_cast<uint8_t>(rng());
    expect_detected_or_intact(app, "round " + std::to_string(round));
  }
}

TEST_F(Corruption, NewerFormatVersionIsRefused) {
  auto app = with_trailer([](format::Trailer& t) { t.format_version = 2; });
  embed::PayloadReader r;
  embed::Error e = embed::PayloadReader::open_bytes(app, "app", &r);
  EXPECT_EQ(e.code, ErrorCode::kUnsupportedVersion) << e.message;
  EXPECT_NE(e.message.find("version 2"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("reads version 1"), std::string::npos) << e.message;
}

TEST_F(Corruption, UnknownFlagsAreRefused) {
  auto app = with_trailer([](format::Trailer& t) { t.flags = 4; });
  embed::PayloadReader r;
  embed::Error e = embed::PayloadReader::open_bytes(app, "app", &r);
  EXPECT_EQ(e.code, ErrorCode::kUnsupportedVersion) << e.message;
  EXPECT_NE(e.message.find("flags"), std::string::npos) << e.message;
}

TEST_F(Corruption, TrailerFieldsOutOfRangeAreNamed) {
  struct Case {
    std::function<void(format::Trailer&)> edit;
    const char* field;
  };
  Case cases[] = {
      {[](format::Trailer& t) { t.index_offset += 8; }, "index_offset"},
      {[](format::Trailer& t) { t.index_size = UINT64_MAX - 3; }, "index_size"},
      {[](format::Trailer& t) { t.payload_size = UINT64_MAX - 7; }, "payload_size"},
      {[](format::Trailer& t) { t.payload_size = 3; }, "payload_size"},
      {[](format::Trailer& t) { t.reserved = 1; }, "reserved"},
      {[](format::Trailer& t) { t.index_hash ^= 1; }, "index_hash"},
  };
  for (const Case& c : cases) {
    auto app = with_trailer(c.edit);
    embed::PayloadReader r;
    embed::Error e = embed::PayloadReader::open_bytes(app, "app", &r);
    EXPECT_FALSE(e.ok()) << c.field;
    EXPECT_NE(e.message.find(c.field), std::string::npos) << c.field << ": " << e.message;
  }
}

TEST_F(Corruption, WrongMagicMeansNoPayload) {
  auto app = app_;
  app[trailer_at_] ^= 0x80;  // 'T' | 0x80 becomes plain 'T'
  embed::PayloadReader r;
  embed::Error e = embed::PayloadReader::open_bytes(app, "app", &r);
  EXPECT_EQ(e.code, ErrorCode::kBadTrailer) << "the section says a trailer should be there: " << e.message;
  drop_section_headers(app);
  e = embed::PayloadReader::open_bytes(app, "app", &r);
  EXPECT_EQ(e.code, ErrorCode::kNoPayload) << e.message;
}

TEST_F(Corruption, PayloadForAnotherRuntimeIsRefused) {
  auto options = test_pack_options();
  options.runtime_version = "9.9.9";
  auto app = make_app(tiny_elf(), {{"model.tflite", embed::EntryKind::kModel, model_}}, options);
  embed::PayloadReader r;
  ASSERT_TRUE(open_and_verify(app, &r).ok()) << "the payload itself is fine";
  embed::Error e = embed::check_runtime(r, embed::kRuntimeVersion, embed::kTarget);
  EXPECT_EQ(e.code, ErrorCode::kRuntimeMismatch);
  EXPECT_NE(e.message.find("9.9.9"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find(embed::kRuntimeVersion), std::string::npos) << e.message;
  EXPECT_TRUE(embed::check_runtime(r, "9.9.9", embed::kTarget).ok());
  EXPECT_FALSE(embed::check_runtime(r, "9.9.9", "aarch64-linux").ok());
}

TEST_F(Corruption, AppendedBytesDoNotHideThePayload) {
  auto app = app_;
  std::mt19937 rng(3);
  for (int i = 0; i < 4096; ++i) app.push_back(static_cast<uint8_t>(rng()));
  embed::PayloadReader r;
  ASSERT_TRUE(open_and_verify(app, &r).ok());
  EXPECT_EQ(r.located(), embed::Located::kSection);
}

TEST_F(Corruption, WithoutSectionHeadersTheTrailerScanFindsThePayload) {
  for (bool append : {false, true}) {
    auto app = app_;
    drop_section_headers(app);
    if (append) app.insert(app.end(), 4096, 0xd4);  // even bytes like the magic's first
    embed::PayloadReader r;
    embed::Error e = open_and_verify(app, &r);
    ASSERT_TRUE(e.ok()) << e.message;
    EXPECT_EQ(r.located(), embed::Located::kTrailerScan);
    EXPECT_EQ(r.payload_offset(), payload_offset_);
    EXPECT_EQ(r.entries().size(), 2u);
  }
}

TEST_F(Corruption, FileWithoutPayloadSaysSo) {
  auto stub = tiny_elf();
  embed::PayloadReader r;
  embed::Error e = embed::PayloadReader::open_bytes(stub, "stub", &r);
  EXPECT_EQ(e.code, ErrorCode::kNoPayload);
  EXPECT_NE(e.message.find("no payload"), std::string::npos) << e.message;
  e = embed::PayloadReader::open_bytes({}, "empty", &r);
  EXPECT_EQ(e.code, ErrorCode::kNoPayload) << e.message;
  e = embed::PayloadReader::open((temp_dir("embed-missing") / "nope").string(), &r);
  EXPECT_EQ(e.code, ErrorCode::kIo) << e.message;
}

TEST_F(Corruption, HashOfADamagedEntryIsReported) {
  auto app = app_;
  app[payload_offset_ + 10] ^= 0x10;
  embed::PayloadReader r;
  ASSERT_TRUE(embed::PayloadReader::open_bytes(app, "app", &r).ok()) << "open checks trailer and index only";
  embed::Error e = r.verify_all();
  EXPECT_EQ(e.code, ErrorCode::kChecksumMismatch);
  EXPECT_NE(e.message.find("model.tflite"), std::string::npos) << e.message;
}

TEST(Magic, IsNotAsciiAndHasNoZeroByte) {
  auto m = embed::format::magic();
  for (uint8_t b : m) {
    EXPECT_GE(b, 0x80);
  }
  EXPECT_EQ(std::string(m.begin(), m.end()), "\xd4\xc6\xc2\xd5\xce\xc4\xcc\xc5");
}

}  // namespace
}  // namespace tfb::test
