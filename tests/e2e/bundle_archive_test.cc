// bundle takes models as model zoos publish them: a .zip, .tar.gz or
// .tar.zst holding the .tflite and often its labels.
#include <archive.h>
#include <archive_entry.h>

#include "e2e_util.h"
#include "schema/model_writer.h"

namespace tfb::test {
namespace {

// A 3-class classifier, small enough to pack many times.
std::vector<uint8_t> classifier() {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 4});
  int wt = w.add_constant<float>("w", DType::kF32, {3, 4}, {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
  int y = w.add_tensor("y", DType::kF32, {1, 3});
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, -1}, {y}, tflfb::FullyConnectedOptionsT());
  w.add_output(y);
  return w.finish();
}

void write_archive(const fs::path& path, const std::string& format, const std::vector<std::pair<std::string, std::vector<uint8_t>>>& files) {
  archive* a = archive_write_new();
  if (format == "zip") archive_write_set_format_zip(a);
  else archive_write_set_format_pax_restricted(a);
  if (format == "tar.gz") archive_write_add_filter_gzip(a);
  if (format == "tar.zst") archive_write_add_filter_zstd(a);
  ASSERT_EQ(archive_write_open_filename(a, path.c_str()), ARCHIVE_OK) << archive_error_string(a);
  for (const auto& [name, data] : files) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(data.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_write_header(a, e);
    archive_write_data(a, data.data(), data.size());
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
}

std::vector<uint8_t> text(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

TEST(BundleArchive, TakesModelAndLabelsFromEachFormat) {
  fs::path dir = temp_dir("bundle-archive");
  NpyArray in{DType::kF32, {1, 4}, {}};
  float v[] = {0.f, 0.f, 5.f, 0.f};
  in.data.assign(reinterpret_cast<uint8_t*>(v), reinterpret_cast<uint8_t*>(v) + sizeof(v));
  write_file(dir / "x.npy", serialize_npy(in.type, in.shape, in.data));
  for (std::string format : {"zip", "tar.gz", "tar.zst"}) {
    fs::path archive = dir / ("model." + format);
    write_archive(archive, format, {{"model/README.md", text("hello")}, {"model/classifier.tflite", classifier()},
                                    {"model/labels.txt", text("cat\ndog\nbird\n")}});
    bundle_or_fail(archive, dir / ("app-" + format), {"--force"});
    Outcome r = run({(dir / ("app-" + format)).string(), "--input", (dir / "x.npy").string(), "--top-k", "1"});
    EXPECT_EQ(r.code, 0) << describe(r);
    EXPECT_NE(r.out.find("bird"), std::string::npos) << format << ": " << r.out;
    // The model inside the app is the archive member, byte for byte.
    fs::path out = dir / ("extracted-" + format);
    r = run({bundle_exe().string(), "extract", (dir / ("app-" + format)).string(), "-o", out.string()});
    ASSERT_EQ(r.code, 0) << describe(r);
    EXPECT_EQ(read_file(out / "model.tflite"), classifier());
  }
}

TEST(BundleArchive, SeveralModelsNeedModelEntry) {
  fs::path dir = temp_dir("bundle-archive-two");
  write_archive(dir / "two.zip", "zip", {{"a.tflite", classifier()}, {"b.tflite", classifier()}});
  Outcome r = run({bundle_exe().string(), "--model", (dir / "two.zip").string(), "-o", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
  EXPECT_NE(r.err.find("--model-entry"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a.tflite, b.tflite"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "app"));
  bundle_or_fail(dir / "two.zip", dir / "app", {"--model-entry", "b.tflite"});
  r = run({bundle_exe().string(), "--model", (dir / "two.zip").string(), "-o", (dir / "app2").string(), "--model-entry", "c.tflite"});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
}

TEST(BundleArchive, CorruptArchivesAreRefused) {
  fs::path dir = temp_dir("bundle-archive-bad");
  write_archive(dir / "m.tar.gz", "tar.gz", {{"m.tflite", classifier()}});
  auto bytes = read_file(dir / "m.tar.gz");
  bytes.resize(bytes.size() / 2);
  write_file(dir / "cut.tar.gz", bytes);
  Outcome r = run({bundle_exe().string(), "--model", (dir / "cut.tar.gz").string(), "-o", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_FALSE(fs::exists(dir / "app"));
}

}  // namespace
}  // namespace tfb::test
