// Every model with golden data in ../shared/golden runs through the
// interpreter and matches what the real TensorFlow Lite computed.
#include <nlohmann/json.hpp>

#include "support/test_util.h"

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

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, InterpreterMatchesTflite) {
  TFB_REQUIRE_SHARED();
  fs::path dir = shared_dir() / "golden" / GetParam();
  auto meta = nlohmann::json::parse(read_file(dir / "meta.json"));
  auto model = read_file(shared_dir() / meta["model_file"].get<std::string>());
  LoadedModel probe;
  std::vector<MissingOp> missing;
  if (!load_model(model, &probe, &missing).ok() && !missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += " " + m.name;
    GTEST_SKIP() << "model uses ops not implemented yet:" << list;
  }
  std::vector<NpyArray> inputs, ours;
  for (size_t i = 0; i < meta["inputs"].size(); ++i) inputs.push_back(load_npy(dir / ("input_" + std::to_string(i) + ".npy")));
  Status st = run_interpreter(model, inputs, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(ours.size(), meta["outputs"].size());
  for (size_t i = 0; i < ours.size(); ++i) {
    NpyArray ref = load_npy(dir / ("output_" + std::to_string(i) + ".npy"));
    EXPECT_TRUE(outputs_match(ours[i], ref, golden_tolerance(GetParam()).rel)) << "output " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Shared, Golden, ::testing::ValuesIn(golden_names()),
                         [](const auto& info) {
                           std::string s = info.param;
                           for (char& c : s) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return s;
                         });

}  // namespace
}  // namespace tfb::test
