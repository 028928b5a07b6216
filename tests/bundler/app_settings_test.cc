#include "bundler/app_settings.h"

#include "embed/payload.h"
#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

// A 3-class classifier over 4 features.
std::vector<uint8_t> classifier_model() {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 4});
  int wt = w.add_constant<float>("w", DType::kF32, {3, 4}, std::vector<float>(12, 0.5f));
  int y = w.add_tensor("y", DType::kF32, {1, 3});
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, -1}, {y}, tflfb::FullyConnectedOptionsT());
  w.add_output(y);
  return w.finish();
}

struct Fixture {
  std::vector<uint8_t> model = classifier_model();
  std::unique_ptr<Interpreter> interp;
  fs::path dir = temp_dir("app-settings");
  Fixture() { EXPECT_TRUE(Interpreter::create(model, {}, &interp).ok()); }
  std::string write(const std::string& name, const std::string& text) {
    write_file(dir / name, std::vector<uint8_t>(text.begin(), text.end()));
    return (dir / name).string();
  }
};

const PayloadFile* file_of_kind(const AppPayload& p, embed::EntryKind kind) {
  for (const auto& f : p.files)
    if (f.kind == static_cast<int>(kind)) return &f;
  return nullptr;
}

TEST(AppSettings, DerivesTaskAndDefaultsFromTheModel) {
  Fixture fx;
  AppPayload p;
  ASSERT_TRUE(build_app_payload(fx.model, *fx.interp, {}, &p).ok());
  EXPECT_EQ(p.settings.get(setting::kTask), "classification");
  EXPECT_EQ(p.settings.source(setting::kTask), Source::kModel);
  EXPECT_EQ(p.settings.get(setting::kTopK), 5);
  EXPECT_EQ(p.settings.source(setting::kTopK), Source::kDefault);
  const PayloadFile* json = file_of_kind(p, embed::EntryKind::kAppConfig);
  ASSERT_NE(json, nullptr);
  Settings back;
  ASSERT_TRUE(Settings::from_json(std::string(json->bytes.begin(), json->bytes.end()), &back).ok());
  EXPECT_EQ(back.explain(), p.settings.explain());
}

TEST(AppSettings, ConfigFileAndLabelsOverrideDefaults) {
  Fixture fx;
  fx.write("labels.txt", "cat\ndog\nbird\n");
  AppSources src;
  src.config_path = fx.write("app.toml", "[classify]\ntop_k = 2\n[labels]\nfile = \"labels.txt\"\n");
  src.default_args = {"--top-k", "1"};
  AppPayload p;
  Status st = build_app_payload(fx.model, *fx.interp, src, &p);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(p.settings.get(setting::kTopK), 2);
  EXPECT_EQ(p.settings.source(setting::kTopK), Source::kConfig);
  EXPECT_EQ(p.settings.get(setting::kLabels), "labels-labels.txt");
  const PayloadFile* labels = file_of_kind(p, embed::EntryKind::kLabels);
  ASSERT_NE(labels, nullptr);
  EXPECT_EQ(std::string(labels->bytes.begin(), labels->bytes.end()), "cat\ndog\nbird\n");
  const PayloadFile* args = file_of_kind(p, embed::EntryKind::kDefaultArgs);
  ASSERT_NE(args, nullptr);
  EXPECT_EQ(std::string(args->bytes.begin(), args->bytes.end()), "--top-k\n1\n");
  const PayloadFile* source = file_of_kind(p, embed::EntryKind::kSource);
  ASSERT_NE(source, nullptr);  // the config itself, for `bundle extract`
}

TEST(AppSettings, BadConfigsAreRefusedWithFileAndKey) {
  Fixture fx;
  AppPayload p;
  AppSources src;
  src.config_path = fx.write("typo.toml", "[classify]\ntopk = 2\n");
  Status st = build_app_payload(fx.model, *fx.interp, src, &p);
  EXPECT_EQ(st.kind(), ErrorKind::kBadInput);
  EXPECT_NE(st.message().find("unknown setting 'classify.topk'"), std::string::npos) << st.message();
  src.config_path = fx.write("syntax.toml", "[image\nmean = 1\n");
  st = build_app_payload(fx.model, *fx.interp, src, &p);
  EXPECT_EQ(st.kind(), ErrorKind::kBadInput);
  EXPECT_NE(st.message().find("syntax.toml:1"), std::string::npos) << st.message();
  src.config_path = fx.write("missing.toml", "[labels]\nfile = \"nope.txt\"\n");
  st = build_app_payload(fx.model, *fx.interp, src, &p);
  EXPECT_EQ(st.kind(), ErrorKind::kBadInput);
  src = {};
  src.labels_path = (fx.dir / "absent.txt").string();
  EXPECT_EQ(build_app_payload(fx.model, *fx.interp, src, &p).kind(), ErrorKind::kBadInput);
}

}  // namespace
}  // namespace tfb::test
