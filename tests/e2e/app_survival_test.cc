// A bundled app keeps working after the tools people run on binaries
// (strip, objcopy), after bytes are appended and after a copy elsewhere;
// when a tool removes the payload the app says so and fails.
#include <elf.h>

#include <random>

#include "e2e_util.h"

namespace tfb::test {
namespace {

struct Transform {
  const char* name;
  std::vector<std::vector<std::string>> commands;  // run on APP, in order; "APP" is replaced
  bool append = false;                             // then append 4 KiB of random bytes
};

class Survival : public ::testing::TestWithParam<Transform> {
 protected:
  void SetUp() override {
    TFB_REQUIRE_SHARED();
    dir_ = temp_dir("survival");
    bundle_or_fail(hello_model(), dir_ / "app");
    Outcome r = run({(dir_ / "app").string(), "--input", hello_input().string(), "--output-dir", (dir_ / "ref").string()});
    ASSERT_EQ(r.code, 0) << describe(r);
    reference_ = read_file(dir_ / "ref" / "output_0.npy");
  }

  static void append_random(const fs::path& p) {
    auto bytes = read_file(p);
    std::mt19937 rng(11);
    for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<uint8_t>(rng()));
    write_file(p, bytes);
  }

  fs::path dir_;
  std::vector<uint8_t> reference_;
};

TEST_P(Survival, AppRunsAndGivesTheSameOutput) {
  const Transform& t = GetParam();
  fs::path other = temp_dir("survival-elsewhere");
  fs::path app = other / "renamed-app";
  fs::copy_file(dir_ / "app", app);
  for (auto cmd : t.commands) {
    for (auto& a : cmd)
      if (a == "APP") a = app.string();
    Outcome r = run(cmd);
    ASSERT_EQ(r.code, 0) << cmd[0] << ": " << describe(r);
  }
  if (t.append) append_random(app);

  Outcome r = run({app.string(), "--input", hello_input().string(), "--output-dir", (other / "out").string()});
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_EQ(read_file(other / "out" / "output_0.npy"), reference_);
  r = run({app.string(), "--verify"});
  EXPECT_EQ(r.code, 0) << describe(r);
  if (!t.commands.empty()) {
    r = run({"readelf", "-S", app.string()});
    EXPECT_NE(r.out.find(".tflbundle"), std::string::npos) << "the section survives " << t.name;
  }
}

const Transform kTransforms[] = {
    {"copied", {}},
    {"strip", {{"strip", "APP"}}},
    {"strip_all", {{"strip", "--strip-all", "APP"}}},
    {"objcopy_strip_debug", {{"objcopy", "--strip-debug", "APP"}}},
    {"appended", {}, true},
    {"strip_then_appended", {{"strip", "APP"}}, true},
    {"strip_all_then_objcopy", {{"strip", "--strip-all", "APP"}, {"objcopy", "--strip-debug", "APP"}}, true},
};

INSTANTIATE_TEST_SUITE_P(Tools, Survival, ::testing::ValuesIn(kTransforms),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(SurvivalEdge, AppendedThenStrippedStillRuns) {
  TFB_REQUIRE_SHARED();
  // strip drops bytes that belong to no section, so the appended tail goes
  // and the section remains.
  fs::path dir = temp_dir("survival-append-strip");
  bundle_or_fail(hello_model(), dir / "app");
  auto bytes = read_file(dir / "app");
  bytes.insert(bytes.end(), 4096, 0x5a);
  write_file(dir / "app", bytes);
  ASSERT_EQ(run({"strip", (dir / "app").string()}).code, 0);
  Outcome r = run({(dir / "app").string(), "--verify"});
  EXPECT_EQ(r.code, 0) << describe(r);
}

TEST(SurvivalEdge, LostSectionHeadersFallBackToTheTrailerScan) {
  TFB_REQUIRE_SHARED();
  fs::path dir = temp_dir("survival-no-headers");
  bundle_or_fail(hello_model(), dir / "app");
  auto bytes = read_file(dir / "app");
  Elf64_Ehdr h;
  std::memcpy(&h, bytes.data(), sizeof h);
  h.e_shoff = 0;
  h.e_shnum = 0;
  h.e_shstrndx = 0;
  std::memcpy(bytes.data(), &h, sizeof h);
  write_file(dir / "app", bytes);
  fs::permissions(dir / "app", fs::perms::owner_all);
  Outcome r = run({(dir / "app").string(), "--info", "--json"});
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_NE(r.out.find("\"located\": \"trailer-scan\""), std::string::npos) << r.out;
}

TEST(SurvivalEdge, RemovedPayloadIsReportedNotRun) {
  TFB_REQUIRE_SHARED();
  fs::path dir = temp_dir("survival-removed");
  bundle_or_fail(hello_model(), dir / "app");
  ASSERT_EQ(run({"objcopy", "--remove-section", ".tflbundle", (dir / "app").string()}).code, 0);
  for (std::vector<std::string> args :
       {std::vector<std::string>{"--input", hello_input().string(), "--output-dir", (dir / "out").string()},
        {"--info"},
        {"--verify"}}) {
    args.insert(args.begin(), (dir / "app").string());
    Outcome r = run(args);
    EXPECT_EQ(r.code, kExitPayload) << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find("no payload"), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(dir / "out"));
}

TEST(SurvivalEdge, StubAndAppAreStaticAndWellFormed) {
  TFB_REQUIRE_SHARED();
  fs::path dir = temp_dir("survival-elf");
  bundle_or_fail(hello_model(), dir / "app");
  for (const fs::path& p : {stub_exe(), dir / "app"}) {
    Outcome r = run({"file", "-b", p.string()});
    if (TFB_STUB_IS_STATIC) EXPECT_NE(r.out.find("statically linked"), std::string::npos) << p << ": " << r.out;
    r = run({"readelf", "-a", "-W", p.string()});
    EXPECT_EQ(r.code, 0) << describe(r);
    EXPECT_EQ(r.err, "") << p << ": readelf complains";
  }
  Outcome r = run({"readelf", "-S", "-W", (dir / "app").string()});
  size_t at = r.out.find(".tflbundle");
  ASSERT_NE(at, std::string::npos) << r.out;
  std::string line = r.out.substr(at, r.out.find('\n', at) - at);
  EXPECT_NE(line.find("PROGBITS"), std::string::npos) << line;
  EXPECT_EQ(line.substr(line.find_last_not_of(' ') - 3, 4), "4096") << "alignment: " << line;
}

}  // namespace
}  // namespace tfb::test
