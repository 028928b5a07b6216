// The `bundle` command: refuses what would fail later or destroy files,
// writes byte-identical apps, and reads apps back (inspect/verify/extract).
#include <sys/stat.h>

#include "e2e_util.h"
#include "embed/payload_format.h"
#include "kernels/registry.h"

namespace tfb::test {
namespace {

class BundleCli : public ::testing::Test {
 protected:
  void SetUp() override { TFB_REQUIRE_SHARED(); }
  static Outcome bundle(std::vector<std::string> args) {
    args.insert(args.begin(), bundle_exe().string());
    return run(args);
  }
};

TEST_F(BundleCli, WritesAnExecutableApp) {
  fs::path dir = temp_dir("bundle-exec");
  Outcome r = bundle({"--model", hello_model().string(), "-o", (dir / "app").string()});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  EXPECT_NE(r.out.find("wrote"), std::string::npos) << r.out;
  struct stat st;
  ASSERT_EQ(stat((dir / "app").c_str(), &st), 0);
  EXPECT_NE(st.st_mode & S_IXUSR, 0u);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1) << "no temporary file remains";
}

TEST_F(BundleCli, SameInputsGiveByteIdenticalApps) {
  fs::path dir = temp_dir("bundle-same");
  for (const char* name : {"a", "b"}) bundle_or_fail(hello_model(), dir / name);
  bundle_or_fail(hello_model(), dir / "c", {"--store"});
  bundle_or_fail(hello_model(), dir / "d", {"--store"});
  EXPECT_EQ(read_file(dir / "a"), read_file(dir / "b"));
  EXPECT_EQ(read_file(dir / "c"), read_file(dir / "d"));
  EXPECT_NE(read_file(dir / "a"), read_file(dir / "c"));
}

TEST_F(BundleCli, RefusesToOverwriteWithoutForce) {
  fs::path dir = temp_dir("bundle-force");
  write_file(dir / "app", std::vector<uint8_t>{'o', 'l', 'd'});
  Outcome r = bundle({"--model", hello_model().string(), "-o", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitUsage) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "app"), (std::vector<uint8_t>{'o', 'l', 'd'}));
  r = bundle({"--model", hello_model().string(), "-o", (dir / "app").string(), "--force"});
  EXPECT_EQ(r.code, kExitOk) << describe(r);
  EXPECT_EQ(run({(dir / "app").string(), "--verify"}).code, kExitOk);
}

TEST_F(BundleCli, RefusesDangerousOutputPaths) {
  fs::path dir = temp_dir("bundle-refuse");
  fs::copy_file(hello_model(), dir / "model.tflite");
  fs::copy_file(bundle_exe(), dir / "bundle");
  auto model_before = read_file(dir / "model.tflite");
  struct Case {
    std::vector<std::string> args;
    const char* says;
  };
  Case cases[] = {
      {{"--model", (dir / "model.tflite").string(), "-o", (dir / "model.tflite").string(), "--force"}, "input model"},
      {{"--model", (dir / "model.tflite").string(), "-o", dir.string()}, "directory"},
  };
  for (const Case& c : cases) {
    Outcome r = bundle(c.args);
    EXPECT_EQ(r.code, kExitUsage) << c.says << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  // A copy of bundle may not overwrite itself.
  Outcome r = run({(dir / "bundle").string(), "--model", (dir / "model.tflite").string(), "-o", (dir / "bundle").string(),
               "--force"});
  EXPECT_EQ(r.code, kExitUsage) << describe(r);
  EXPECT_NE(r.err.find("bundle program"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "model.tflite"), model_before);
  EXPECT_EQ(read_file(dir / "bundle"), read_file(bundle_exe()));
}

TEST_F(BundleCli, RefusesUnsupportedModelsListingTheirCustomOps) {
  struct Case {
    const char* model;
    std::vector<const char*> ops;
  };
  Case cases[] = {
      {"hair_segmentation_customops.tflite",
       {"CUSTOM:Convolution2DTransposeBias", "CUSTOM:MaxPoolingWithArgmax2D", "CUSTOM:MaxUnpooling2D"}},
      {"posenet_decoder_customop_uint8.tflite", {"CUSTOM:PosenetDecoderOp"}},
  };
  for (const Case& c : cases) {
    fs::path dir = temp_dir("bundle-unsupported");
    Outcome r = bundle({"--model", (shared_dir() / "models" / c.model).string(), "-o", (dir / "app").string()});
    EXPECT_EQ(r.code, kExitUnsupportedModel) << c.model << ": " << describe(r);
    for (const char* op : c.ops) {
      size_t first = r.err.find(op);
      EXPECT_NE(first, std::string::npos) << op << " in\n" << r.err;
      EXPECT_EQ(r.err.find(op, first + 1), std::string::npos) << op << " listed once";
    }
    EXPECT_NE(r.err.find("--list-ops"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "app"));
    EXPECT_TRUE(fs::is_empty(dir));
  }
}

TEST_F(BundleCli, RefusesInvalidAndMissingModels) {
  fs::path dir = temp_dir("bundle-invalid");
  write_file(dir / "junk.tflite", std::vector<uint8_t>(1000, 0x42));
  Outcome r = bundle({"--model", (dir / "junk.tflite").string(), "-o", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitInvalidModel) << describe(r);
  EXPECT_NE(r.err.find("junk.tflite"), std::string::npos) << r.err;
  r = bundle({"--model", (dir / "absent.tflite").string(), "-o", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_FALSE(fs::exists(dir / "app"));
}

TEST_F(BundleCli, UsageErrorsExitTwo) {
  for (auto args : std::vector<std::vector<std::string>>{{},
                                                         {"--model", hello_model().string()},
                                                         {"--bogus"},
                                                         {"--store", "--compression-level", "3"},
                                                         {"--compression-level", "99"},
                                                         {"--markdown"},
                                                         {"inspect"}}) {
    Outcome r = bundle(args);
    EXPECT_EQ(r.code, kExitUsage) << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
  }
}

TEST_F(BundleCli, StoresTheModelWholeAndExtractsItByteForByte) {
  // A model followed by a ZIP of labels (as TFLite metadata writes them)
  // must keep every byte.
  fs::path dir = temp_dir("bundle-extract");
  auto model = read_file(hello_model());
  const std::string tail = "PK\x03\x04 labels.txt: cat dog bird ... PK\x05\x06";
  model.insert(model.end(), tail.begin(), tail.end());
  write_file(dir / "with_zip.tflite", model);
  for (const char* codec : {"zstd", "stored"}) {
    fs::path app = dir / (std::string("app-") + codec);
    bundle_or_fail(dir / "with_zip.tflite", app, codec == std::string("stored") ? std::vector<std::string>{"--store"}
                                                                                 : std::vector<std::string>{});
    Outcome r = bundle({"extract", app.string(), "-o", (dir / codec).string()});
    ASSERT_EQ(r.code, kExitOk) << describe(r);
    EXPECT_EQ(read_file(dir / codec / "model.tflite"), model) << codec;
    r = bundle({"extract", app.string(), "-o", (dir / codec).string()});
    EXPECT_EQ(r.code, kExitUsage) << "refuses to overwrite: " << describe(r);
    r = bundle({"extract", app.string(), "-o", (dir / codec).string(), "--force"});
    EXPECT_EQ(r.code, kExitOk) << describe(r);
    r = run({app.string(), "--input", hello_input().string(), "--output-dir", (dir / "out").string()});
    EXPECT_EQ(r.code, kExitOk) << describe(r);
  }
}

TEST_F(BundleCli, InspectAndVerifyReadAppsBack) {
  fs::path dir = temp_dir("bundle-inspect");
  bundle_or_fail(hello_model(), dir / "app");
  Outcome r = bundle({"inspect", (dir / "app").string()});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  for (const char* s : {"model.tflite", "zstd", "format 1", "section .tflbundle", "3164"})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << " in\n" << r.out;
  r = bundle({"verify", (dir / "app").string()});
  EXPECT_EQ(r.code, kExitOk) << describe(r);

  auto bytes = read_file(dir / "app");
  auto t = embed::format::decode_trailer(bytes.data() + bytes.size() - 64);
  bytes[bytes.size() - t.payload_size + 5] ^= 0x20;
  write_file(dir / "damaged", bytes);
  r = bundle({"verify", (dir / "damaged").string()});
  EXPECT_EQ(r.code, kExitPayload) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("hash"), std::string::npos) << r.err;
  r = bundle({"inspect", stub_exe().string()});
  EXPECT_EQ(r.code, kExitPayload) << describe(r);
  EXPECT_NE(r.err.find("no payload"), std::string::npos) << r.err;
  r = bundle({"verify", (dir / "absent").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
}

TEST_F(BundleCli, NeitherBinaryHoldsTheMagic) {
  // The backward scan must never find a magic in the stub itself, so no
  // binary may contain it as a constant.
  auto magic = embed::format::magic();
  for (const fs::path& p : {stub_exe(), bundle_exe()}) {
    auto bytes = read_file(p);
    EXPECT_EQ(std::search(bytes.begin(), bytes.end(), magic.begin(), magic.end()), bytes.end()) << p;
  }
}

TEST_F(BundleCli, ListOpsComesFromTheRegistry) {
  Outcome r = bundle({"--list-ops"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  for (const KernelDef* k : all_kernels()) EXPECT_NE(r.out.find(k->name), std::string::npos) << k->name;
}

TEST(OpsDoc, IsUpToDate) {
  Outcome r = run({bundle_exe().string(), "--list-ops", "--markdown"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  auto committed = read_file(fs::path(TFB_SOURCE_DIR) / "docs" / "OPS.md");
  EXPECT_EQ(std::string(committed.begin(), committed.end()), r.out)
      << "docs/OPS.md is stale: run scripts/update-ops-doc.sh and commit the result";
}

}  // namespace
}  // namespace tfb::test
