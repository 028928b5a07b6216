// Arguments stored at bundle time are defaults the user's own override, and
// --explain says where each setting came from; --self-test reruns the check
// stored at bundle time.
#include "e2e_util.h"
#include "schema/model_writer.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> classifier() {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 4});
  int wt = w.add_constant<float>("w", DType::kF32, {4, 4}, {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
  int y = w.add_tensor("y", DType::kF32, {1, 4});
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, -1}, {y}, tflfb::FullyConnectedOptionsT());
  w.add_output(y);
  return w.finish();
}

struct Fixture {
  fs::path dir = temp_dir("app-settings-e2e");
  Fixture() {
    write_file(dir / "m.tflite", classifier());
    std::string labels = "a\nb\nc\nd\n";
    write_file(dir / "labels.txt", std::vector<uint8_t>(labels.begin(), labels.end()));
    NpyArray in{DType::kF32, {1, 4}, {}};
    float v[] = {4.f, 3.f, 2.f, 1.f};
    in.data.assign(reinterpret_cast<uint8_t*>(v), reinterpret_cast<uint8_t*>(v) + sizeof(v));
    write_file(dir / "x.npy", serialize_npy(in.type, in.shape, in.data));
  }
  int classes_printed(const std::vector<std::string>& extra) {
    std::vector<std::string> argv = {(dir / "app").string(), "--input", (dir / "x.npy").string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    Outcome r = run(argv);
    EXPECT_EQ(r.code, 0) << describe(r);
    int n = 0;
    for (size_t p = r.out.find("(class "); p != std::string::npos; p = r.out.find("(class ", p + 1)) ++n;
    return n;
  }
};

TEST(AppSettingsE2e, StoredArgumentsAreDefaultsTheUserOverrides) {
  Fixture fx;
  bundle_or_fail(fx.dir / "m.tflite", fx.dir / "app", {"--labels", (fx.dir / "labels.txt").string(), "--", "--top-k", "3"});
  EXPECT_EQ(fx.classes_printed({}), 3);
  EXPECT_EQ(fx.classes_printed({"--top-k", "1"}), 1);
  Outcome r = run({(fx.dir / "app").string(), "--explain"});
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_NE(r.out.find("classify.top_k  3  (bundle args)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(config)"), std::string::npos) << r.out;  // the labels file
  EXPECT_NE(r.out.find("task            classification  (model)"), std::string::npos) << r.out;
}

TEST(AppSettingsE2e, BadStoredArgumentsAreRefusedAtBundleTime) {
  Fixture fx;
  for (std::vector<std::string> args : {std::vector<std::string>{"--top-k", "zero"}, {"--bogus"}, {"photo.jpg"}, {"--info"}}) {
    std::vector<std::string> argv = {bundle_exe().string(), "--model", (fx.dir / "m.tflite").string(), "-o",
                                     (fx.dir / "bad").string(), "--"};
    argv.insert(argv.end(), args.begin(), args.end());
    Outcome r = run(argv);
    EXPECT_EQ(r.code, kExitUsage) << args[0] << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_FALSE(fs::exists(fx.dir / "bad"));
  }
}

TEST(AppSettingsE2e, SelfTestPassesHereAndIsAbsentWhenSkipped) {
  Fixture fx;
  bundle_or_fail(fx.dir / "m.tflite", fx.dir / "app");
  Outcome r = run({(fx.dir / "app").string(), "--self-test"});
  EXPECT_EQ(r.code, 0) << describe(r);
  EXPECT_NE(r.out.find("self-test passed"), std::string::npos) << r.out;
  r = run({(fx.dir / "app").string(), "--self-test", "--isa", "baseline"});
  EXPECT_EQ(r.code, 0) << describe(r);
  bundle_or_fail(fx.dir / "m.tflite", fx.dir / "app2", {"--no-self-test"});
  r = run({(fx.dir / "app2").string(), "--self-test"});
  EXPECT_EQ(r.code, kExitPayload) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
}

}  // namespace
}  // namespace tfb::test
