// write_app then PayloadReader: every entry comes back byte for byte, laid
// out as docs/FORMAT.md says, and equal inputs give equal files.
#include <sys/stat.h>

#include <random>

#include "embed/elf_section.h"
#include "embed/payload_format.h"
#include "embed_test_util.h"

namespace tfb::test {
namespace {

using embed::Codec;
using embed::EntryKind;
using embed::EntrySource;

std::vector<uint8_t> random_bytes(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

std::vector<uint8_t> text_bytes(const std::string& s) { return {s.begin(), s.end()}; }

TEST(PayloadRoundTrip, EntriesComeBackByteForByte) {
  auto stub = tiny_elf();
  auto model = sample_model();
  auto labels = text_bytes("cat\ndog\nbird\n");
  auto noise = random_bytes(5000, 1);
  std::vector<uint8_t> empty;
  // The model is given second; the writer must still put it first.
  std::vector<EntrySource> entries = {{"labels.txt", EntryKind::kLabels, labels, Codec::kStored},
                                      {"model.tflite", EntryKind::kModel, model, Codec::kZstd},
                                      {"noise.bin", EntryKind::kSource, noise, Codec::kZstd},
                                      {"empty", EntryKind::kSource, empty, Codec::kZstd}};
  auto app = make_app(stub, entries);
  embed::PayloadReader r;
  embed::Error e = open_and_verify(app, &r);
  ASSERT_TRUE(e.ok()) << e.message;

  EXPECT_EQ(r.located(), embed::Located::kSection);
  EXPECT_EQ(r.format_version(), embed::format::kVersion);
  EXPECT_EQ(r.runtime_version(), embed::kRuntimeVersion);
  EXPECT_EQ(r.target(), embed::kTarget);
  EXPECT_EQ(r.payload_offset() % embed::format::kPayloadAlign, 0u);
  EXPECT_EQ(r.payload_offset() + r.payload_size(), app.size()) << "the payload ends the file";
  ASSERT_EQ(r.entries().size(), 4u);
  EXPECT_EQ(r.entries()[0].name, "model.tflite");
  EXPECT_EQ(r.entries()[0].offset, 0u);
  EXPECT_EQ(r.entries()[0].codec, Codec::kZstd) << "hello_world compresses";
  EXPECT_EQ(r.find("noise.bin")->codec, Codec::kStored) << "random bytes do not compress, so they are stored";
  for (const auto& info : r.entries()) EXPECT_EQ(info.offset % embed::format::kEntryAlign, 0u) << info.name;

  const std::vector<uint8_t>* originals[] = {&model, &labels, &noise, &empty};
  const char* names[] = {"model.tflite", "labels.txt", "noise.bin", "empty"};
  for (int i = 0; i < 4; ++i) {
    const embed::EntryInfo* info = r.find(names[i]);
    ASSERT_NE(info, nullptr) << names[i];
    std::span<const uint8_t> bytes;
    embed::Blob storage;
    ASSERT_TRUE(r.read(*info, &bytes, &storage).ok()) << names[i];
    EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.end()), *originals[i]) << names[i];
    EXPECT_EQ(reinterpret_cast<uintptr_t>(bytes.data()) % 64, 0u) << names[i];
  }
  EXPECT_EQ(r.find(EntryKind::kModel)->name, "model.tflite");
  EXPECT_EQ(r.find(EntryKind::kVocab), nullptr);
}

TEST(PayloadRoundTrip, StoredModelIsAViewIntoTheMappedFile) {
  auto model = sample_model();
  fs::path path = temp_dir("embed-view") / "app";
  ASSERT_TRUE(embed::write_app(tiny_elf(), {{"model.tflite", EntryKind::kModel, model, Codec::kStored}},
                               test_pack_options(), path.string())
                  .ok());
  embed::PayloadReader r;
  ASSERT_TRUE(embed::PayloadReader::open(path.string(), &r).ok());
  std::span<const uint8_t> bytes;
  embed::Blob storage;
  ASSERT_TRUE(r.read(*r.find(EntryKind::kModel), &bytes, &storage).ok());
  EXPECT_EQ(storage.size(), 0u) << "a stored, page-aligned model is not copied";
  EXPECT_EQ(reinterpret_cast<uintptr_t>(bytes.data()) % 4096, 0u) << "the model starts a page of the mapping";
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.end()), model);
}

TEST(PayloadRoundTrip, MisalignedStoredEntryIsCopiedToAlignedMemory) {
  auto model = sample_model();
  auto app = make_app(tiny_elf(), {{"model.tflite", EntryKind::kModel, model, Codec::kStored}});
  // Shift the whole file by 8 bytes in memory, as if a tool had moved the
  // section to an 8-byte boundary.
  std::vector<uint8_t> shifted(app.size() + 8 + 64);
  uint8_t* base = shifted.data() + (64 - reinterpret_cast<uintptr_t>(shifted.data()) % 64) + 8;
  std::memcpy(base, app.data(), app.size());
  embed::PayloadReader r;
  ASSERT_TRUE(embed::PayloadReader::open_bytes({base, app.size()}, "shifted", &r).ok());
  std::span<const uint8_t> bytes;
  embed::Blob storage;
  ASSERT_TRUE(r.read(*r.find(EntryKind::kModel), &bytes, &storage).ok());
  EXPECT_EQ(storage.size(), model.size()) << "copied";
  EXPECT_EQ(reinterpret_cast<uintptr_t>(bytes.data()) % 64, 0u);
  EXPECT_EQ(std::vector<uint8_t>(bytes.begin(), bytes.end()), model);
}

TEST(PayloadRoundTrip, EqualInputsGiveEqualFiles) {
  auto model = sample_model();
  std::vector<EntrySource> entries = {{"model.tflite", EntryKind::kModel, model, Codec::kZstd}};
  auto a = make_app(tiny_elf(), entries);
  auto b = make_app(tiny_elf(), entries);
  ASSERT_FALSE(a.empty());
  EXPECT_TRUE(a == b);
}

TEST(PayloadRoundTrip, AppIsExecutableAndNothingElseIsLeftBehind) {
  fs::path dir = temp_dir("embed-mode");
  auto model = sample_model();
  ASSERT_TRUE(embed::write_app(tiny_elf(), {{"model.tflite", EntryKind::kModel, model}}, test_pack_options(),
                               (dir / "app").string())
                  .ok());
  struct stat st;
  ASSERT_EQ(stat((dir / "app").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IXUSR, 0u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "no temporary file remains";
}

TEST(PayloadRoundTrip, AddedSectionKeepsTheStubIntact) {
  auto stub = tiny_elf();
  auto model = sample_model();
  auto app = make_app(stub, {{"model.tflite", EntryKind::kModel, model}});
  embed::SectionRange text, payload;
  std::string why;
  ASSERT_EQ(embed::find_section(app, ".text", &text, &why), embed::SectionLookup::kFound);
  EXPECT_EQ(std::vector<uint8_t>(app.begin() + text.offset, app.begin() + text.offset + text.size),
            std::vector<uint8_t>(stub.begin() + 64, stub.begin() + 80));
  ASSERT_EQ(embed::find_section(app, ".tflbundle", &payload, &why), embed::SectionLookup::kFound);
  EXPECT_EQ(payload.offset % 4096, 0u);
  EXPECT_EQ(payload.offset + payload.size, app.size());
}

TEST(PayloadWriter, RejectsBadEntriesAndLeavesNoFile) {
  fs::path dir = temp_dir("embed-reject");
  std::string out = (dir / "app").string();
  auto model = sample_model();
  auto stub = tiny_elf();
  auto expect_invalid = [&](const std::vector<EntrySource>& entries, const embed::PackOptions& o, const char* what) {
    embed::Error e = embed::write_app(stub, entries, o, out);
    EXPECT_EQ(e.code, embed::ErrorCode::kInvalidArgument) << what << ": " << e.message;
    EXPECT_FALSE(e.message.empty());
  };
  auto o = test_pack_options();
  expect_invalid({{"m", EntryKind::kModel, model}, {"m", EntryKind::kLabels, model}}, o, "duplicate names");
  for (const char* name : {"", ".hidden", "a/b", "../x", "sp ace"})
    expect_invalid({{name, EntryKind::kModel, model}}, o, name);
  auto no_version = o;
  no_version.runtime_version = "";
  expect_invalid({{"m", EntryKind::kModel, model}}, no_version, "empty runtime version");
  auto bad_level = o;
  bad_level.zstd_level = 99;
  expect_invalid({{"m", EntryKind::kModel, model}}, bad_level, "zstd level 99");

  std::vector<uint8_t> not_elf(100, 0x41);
  embed::Error e = embed::write_app(not_elf, {{"m", EntryKind::kModel, model}}, o, out);
  EXPECT_EQ(e.code, embed::ErrorCode::kBadElf) << e.message;
  // An app is not a stub: it already has the section.
  auto app = make_app(stub, {{"m", EntryKind::kModel, model}});
  e = embed::write_app(app, {{"m", EntryKind::kModel, model}}, o, out);
  EXPECT_EQ(e.code, embed::ErrorCode::kBadElf) << e.message;
  EXPECT_TRUE(fs::is_empty(dir)) << "a failed write leaves nothing behind";
}

TEST(PayloadWriter, UnwritableDirectoryIsAnIoError) {
  auto model = sample_model();
  embed::Error e = embed::write_app(tiny_elf(), {{"m", EntryKind::kModel, model}}, test_pack_options(),
                                    "/nonexistent-dir/app");
  EXPECT_EQ(e.code, embed::ErrorCode::kIo) << e.message;
  EXPECT_NE(e.message.find("/nonexistent-dir"), std::string::npos) << e.message;
}

}  // namespace
}  // namespace tfb::test
