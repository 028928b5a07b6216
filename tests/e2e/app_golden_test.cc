// Every golden model whose ops exist is bundled into an app, and the app,
// run as a process on the golden inputs, matches what TensorFlow Lite
// computed. Models light up here as kernels land.
#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace tfb::test {
namespace {

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  fs::path dir = shared_dir();
  if (dir.empty()) return {"(shared-absent)"};
  for (const auto& e : fs::directory_iterator(dir / "golden"))
    if (fs::exists(e.path() / "meta.json")) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class GoldenApp : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenApp, AppMatchesTflite) {
  TFB_REQUIRE_SHARED();
  fs::path golden = shared_dir() / "golden" / GetParam();
  auto meta = nlohmann::json::parse(read_file(golden / "meta.json"));
  fs::path model = shared_dir() / meta["model_file"].get<std::string>();
  auto bytes = read_file(model);
  LoadedModel probe;
  std::vector<MissingOp> missing;
  if (!load_model(bytes, &probe, &missing).ok() && !missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += " " + m.name;
    GTEST_SKIP() << "model uses ops not implemented yet:" << list;
  }

  fs::path dir = temp_dir("golden-app");
  bundle_or_fail(model, dir / "app", {"--compression-level", "3"});
  std::vector<std::string> argv = {(dir / "app").string()};
  for (size_t i = 0; i < meta["inputs"].size(); ++i) {
    argv.push_back("--input");
    argv.push_back((golden / ("input_" + std::to_string(i) + ".npy")).string());
  }
  argv.push_back("--output-dir");
  argv.push_back((dir / "out").string());
  Outcome r = run(argv);
  ASSERT_EQ(r.code, 0) << describe(r);
  EXPECT_EQ(r.err, "");
  for (size_t i = 0; i < meta["outputs"].size(); ++i) {
    std::string name = "output_" + std::to_string(i) + ".npy";
    ASSERT_TRUE(fs::exists(dir / "out" / name)) << name;
    EXPECT_TRUE(outputs_match(load_npy(dir / "out" / name), load_npy(golden / name), golden_tolerance(GetParam()).rel)) << name;
  }
  EXPECT_FALSE(fs::exists(dir / "out" / ("output_" + std::to_string(meta["outputs"].size()) + ".npy")));
}

INSTANTIATE_TEST_SUITE_P(Shared, GoldenApp, ::testing::ValuesIn(golden_names()), [](const auto& info) {
  std::string s = info.param;
  for (char& c : s)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
});

}  // namespace
}  // namespace tfb::test
