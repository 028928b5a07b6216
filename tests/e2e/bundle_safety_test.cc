// `bundle` in a release pipeline: a failure at any step (an unwritable
// directory, a file size limit, a model or config that fails its check)
// leaves no file behind and keeps what was there; inputs are never
// overwritten.
#include "e2e_util.h"
#include "schema/model_writer.h"

namespace tfb::test {
namespace {

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<uint8_t> bytes_of(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }

class BundleSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    TFB_REQUIRE_SHARED();
    dir_ = temp_dir("bundle-safety");
    fs::copy_file(hello_model(), dir_ / "model.tflite");
    write_file(dir_ / "app", bytes_of("previous app"));
  }
  Outcome bundle(std::vector<std::string> args) {
    args.insert(args.begin(), bundle_exe().string());
    return run(args);
  }
  // Nothing but the inputs and the previous app remain, unchanged.
  void expect_untouched(const std::vector<std::string>& also = {}) {
    std::vector<std::string> want = {"app", "model.tflite"};
    want.insert(want.end(), also.begin(), also.end());
    std::sort(want.begin(), want.end());
    EXPECT_EQ(entries(dir_), want);
    EXPECT_EQ(read_file(dir_ / "app"), bytes_of("previous app"));
    EXPECT_EQ(read_file(dir_ / "model.tflite"), read_file(hello_model()));
  }
  fs::path dir_;
};

TEST_F(BundleSafety, FileSizeLimitLeavesNoPartialApp) {
  // The app is over 1 MiB; 512 KiB is allowed. SIGXFSZ is ignored, so the
  // write fails and bundle reports it instead of dying mid-file.
  std::string cmd = "ulimit -f 1024 && exec " + quote(bundle_exe().string()) + " --model " +
                    quote((dir_ / "model.tflite").string()) + " -o " + quote((dir_ / "app").string()) + " --force";
  Outcome r = run({"sh", "-c", cmd});
  EXPECT_EQ(r.code, kExitOutputWrite) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
  expect_untouched();
}

TEST_F(BundleSafety, UnwritableDirectoryLeavesNothing) {
  if (run({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", "true"}).code != 0)
    GTEST_SKIP() << "setpriv cannot switch to user nobody here";
  fs::path ro = dir_ / "ro";
  fs::create_directory(ro);  // 0755, owned by root
  Outcome r = run({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", bundle_exe().string(),
                   "--model", (dir_ / "model.tflite").string(), "-o", (ro / "app").string()});
  EXPECT_EQ(r.code, kExitOutputWrite) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("Permission denied"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(ro));
  r = bundle({"--model", (dir_ / "model.tflite").string(), "-o", (dir_ / "no" / "such" / "dir" / "app").string()});
  EXPECT_EQ(r.code, kExitOutputWrite) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
}

TEST_F(BundleSafety, ModelsThatFailTheirCheckWriteNothing) {
  auto good = read_file(hello_model());
  struct Case {
    const char* name;
    std::vector<uint8_t> bytes;
    int code;
  };
  std::vector<uint8_t> truncated(good.begin(), good.begin() + good.size() / 2);
  std::vector<uint8_t> flipped = good;
  flipped[flipped.size() / 3] ^= 0xff;
  ModelWriter w;  // a tensor of 2^40 bytes
  int x = w.add_input("x", DType::kF32, {1 << 19, 1 << 19});
  int y = w.add_tensor("y", DType::kF32, {1 << 19, 1 << 19});
  w.add_op(tflfb::BuiltinOperator_RELU, {x}, {y});
  w.add_output(y);
  Case cases[] = {{"empty.tflite", {}, kExitInvalidModel},
                  {"truncated.tflite", truncated, kExitInvalidModel},
                  {"huge.tflite", w.finish(), kExitResource}};
  for (const Case& c : cases) {
    write_file(dir_ / c.name, c.bytes);
    Outcome r = bundle({"--model", (dir_ / c.name).string(), "-o", (dir_ / "app").string(), "--force"});
    EXPECT_EQ(r.code, c.code) << c.name << ": " << describe(r);
    EXPECT_NE(r.err.find(c.name), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("Nothing was written"), std::string::npos) << r.err;
    fs::remove(dir_ / c.name);
    expect_untouched();
  }
  // A flipped byte may or may not break the model; either way no partial file.
  write_file(dir_ / "flipped.tflite", flipped);
  Outcome r = bundle({"--model", (dir_ / "flipped.tflite").string(), "-o", (dir_ / "other").string()});
  EXPECT_TRUE(r.code == kExitOk ? fs::exists(dir_ / "other") : !fs::exists(dir_ / "other")) << describe(r);
}

TEST_F(BundleSafety, BadConfigsAndLabelsWriteNothing) {
  write_file(dir_ / "typo.toml", bytes_of("[classify]\ntopk = 3\n"));
  write_file(dir_ / "type.toml", bytes_of("[classify]\ntop_k = \"three\"\n"));
  write_file(dir_ / "range.toml", bytes_of("[detect]\nthreshold = 7\n"));
  write_file(dir_ / "order.toml", bytes_of("[detect]\nbox_order = [0, 0, 1, 2]\n"));
  write_file(dir_ / "kind.toml", bytes_of("[input]\nkind = 3\n"));
  write_file(dir_ / "regex.toml", bytes_of("[text]\ndelimiter_regex = \"[a-\"\n"));
  write_file(dir_ / "labels.toml", bytes_of("[labels]\nfile = \"absent.txt\"\n"));
  struct Case {
    std::vector<std::string> args;
    int code;
    const char* says;
  };
  Case cases[] = {
      {{"--config", (dir_ / "typo.toml").string()}, kExitBadInput, "typo.toml:2: unknown setting 'classify.topk'"},
      {{"--config", (dir_ / "type.toml").string()}, kExitBadInput, "type.toml:2: classify.top_k must be an integer"},
      {{"--config", (dir_ / "range.toml").string()}, kExitBadInput, "detect.threshold must be a number from 0 to 1"},
      {{"--config", (dir_ / "order.toml").string()}, kExitBadInput, "detect.box_order must list 0, 1, 2 and 3"},
      {{"--config", (dir_ / "kind.toml").string()}, kExitBadInput, "input.kind must be a string"},
      {{"--config", (dir_ / "regex.toml").string()}, kExitBadInput, "regex.toml:2: text.delimiter_regex"},
      {{"--config", (dir_ / "labels.toml").string()}, kExitBadInput, "absent.txt"},
      {{"--config", (dir_ / "absent.toml").string()}, kExitBadInput, "absent.toml"},
      {{"--labels", (dir_ / "absent.txt").string()}, kExitBadInput, "absent.txt"},
      {{"--", "--top-k", "0"}, kExitUsage, "top-k"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = {"--model", (dir_ / "model.tflite").string(), "-o", (dir_ / "app").string(), "--force"};
    args.insert(args.end(), c.args.begin(), c.args.end());
    Outcome r = bundle(args);
    EXPECT_EQ(r.code, c.code) << c.says << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  expect_untouched({"kind.toml", "labels.toml", "order.toml", "range.toml", "regex.toml", "type.toml", "typo.toml"});
}

TEST_F(BundleSafety, NeverOverwritesItsInputs) {
  write_file(dir_ / "labels.txt", bytes_of("a\nb\n"));
  write_file(dir_ / "app.toml", bytes_of("[classify]\ntop_k = 1\n"));
  for (const char* target : {"model.tflite", "labels.txt", "app.toml"}) {
    Outcome r = bundle({"--model", (dir_ / "model.tflite").string(), "--labels", (dir_ / "labels.txt").string(),
                        "--config", (dir_ / "app.toml").string(), "-o", (dir_ / target).string(), "--force"});
    EXPECT_EQ(r.code, kExitUsage) << target << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find("refusing to overwrite"), std::string::npos) << r.err;
  }
  // Through a symbolic link too.
  fs::create_symlink(dir_ / "model.tflite", dir_ / "link");
  Outcome r = bundle({"--model", (dir_ / "model.tflite").string(), "-o", (dir_ / "link").string(), "--force"});
  EXPECT_EQ(r.code, kExitUsage) << describe(r);
  fs::remove(dir_ / "link");
  expect_untouched({"app.toml", "labels.txt"});
  EXPECT_EQ(read_file(dir_ / "labels.txt"), bytes_of("a\nb\n"));
}

TEST_F(BundleSafety, ReplacingAnAppIsAtomic) {
  // --force writes beside the old app and renames: the old bytes stay
  // until the new app is complete, and no temporary remains.
  Outcome r = bundle({"--model", (dir_ / "model.tflite").string(), "-o", (dir_ / "app").string(), "--force"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  EXPECT_EQ(entries(dir_), (std::vector<std::string>{"app", "model.tflite"}));
  EXPECT_EQ(run({(dir_ / "app").string(), "--verify"}).code, kExitOk);
}

}  // namespace
}  // namespace tfb::test
