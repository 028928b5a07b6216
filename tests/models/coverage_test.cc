// Every `core` and `unit` model of ../shared/models loads and prepares (all
// its ops, versions and dtypes are implemented), and the models that need
// custom ops we do not have are refused, naming them.
#include <nlohmann/json.hpp>

#include "support/test_util.h"

namespace tfb::test {
namespace {

std::vector<nlohmann::json> manifest_models() {
  fs::path dir = shared_dir();
  if (dir.empty()) return {};
  auto j = nlohmann::json::parse(read_file(dir / "models" / "manifest.json"));
  return j["models"].get<std::vector<nlohmann::json>>();
}

TEST(ModelCoverage, EveryCoreAndUnitModelRuns) {
  TFB_REQUIRE_SHARED();
  int checked = 0;
  for (const auto& m : manifest_models()) {
    const std::string tier = m.value("tier", "");
    if (tier != "core" && tier != "unit") continue;
    const std::string file = m["file"].get<std::string>();
    auto bytes = read_file(shared_dir() / "models" / file);
    LoadedModel lm;
    std::vector<MissingOp> missing;
    Status st = load_model(bytes, &lm, &missing);
    ASSERT_TRUE(st.ok()) << file << ": " << st.message();
    std::unique_ptr<Interpreter> interp;
    st = Interpreter::create(bytes, {}, &interp);
    EXPECT_TRUE(st.ok()) << file << ": " << st.message();
    ++checked;
  }
  EXPECT_GE(checked, 35);
}

TEST(ModelCoverage, CustomOpModelsAreRefusedByName) {
  TFB_REQUIRE_SHARED();
  struct Case { const char* file; std::vector<std::string> ops; };
  for (const Case& c : {Case{"hair_segmentation_customops.tflite",
                             {"CUSTOM:Convolution2DTransposeBias", "CUSTOM:MaxPoolingWithArgmax2D", "CUSTOM:MaxUnpooling2D"}},
                        Case{"posenet_decoder_customop_uint8.tflite", {"CUSTOM:PosenetDecoderOp"}}}) {
    auto bytes = read_file(shared_dir() / "models" / c.file);
    LoadedModel lm;
    std::vector<MissingOp> missing;
    Status st = load_model(bytes, &lm, &missing);
    EXPECT_EQ(st.kind(), ErrorKind::kUnsupported) << c.file;
    std::vector<std::string> names;
    for (const auto& m : missing) names.push_back(m.name);
    EXPECT_EQ(names, c.ops) << c.file;
  }
}

}  // namespace
}  // namespace tfb::test
