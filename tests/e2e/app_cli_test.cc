// The bundled app's command line: every documented exit code, one-line
// errors that name the file or field at fault, --info, --verify.
#include <nlohmann/json.hpp>

#include "e2e_util.h"
#include "embed/payload.h"
#include "embed/payload_format.h"
#include "embed/version.h"
#include "schema/model_writer.h"

namespace tfb::test {
namespace {

class AppCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (shared_dir().empty()) return;
    dir_ = new fs::path(temp_dir("app-cli"));
    bundle_or_fail(hello_model(), *dir_ / "app");
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override { TFB_REQUIRE_SHARED(); }

  static std::string app() { return (*dir_ / "app").string(); }
  static fs::path npy(const std::string& name, DType type, std::vector<int64_t> shape) {
    fs::path p = temp_dir("app-cli-in") / name;
    NpyArray a = random_array(type, std::move(shape), 5);
    write_file(p, serialize_npy(a.type, a.shape, a.data));
    return p;
  }
  static Outcome app_run(std::vector<std::string> args) {
    args.insert(args.begin(), app());
    return run(args);
  }

  static fs::path* dir_;
};
fs::path* AppCli::dir_ = nullptr;

TEST_F(AppCli, RunsAndWritesOneNpyPerOutput) {
  fs::path out = temp_dir("app-cli-out") / "nested" / "dir";
  Outcome r = app_run({"--input", hello_input().string(), "--output-dir", out.string()});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  EXPECT_EQ(r.err, "");
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path().filename().string());
  EXPECT_EQ(files, std::vector<std::string>{"output_0.npy"}) << "no temporary files remain";
  NpyArray y = load_npy(out / "output_0.npy");
  EXPECT_EQ(y.type, DType::kF32);
  EXPECT_EQ(y.shape, (std::vector<int64_t>{1, 1}));
}

TEST_F(AppCli, HelpAndVersionNeedNoPayloadWork) {
  Outcome r = app_run({"--help"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.out.find("--input"), std::string::npos);
  EXPECT_NE(r.out.find("Exit codes"), std::string::npos);
  r = app_run({"--version"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_NE(r.out.find(embed::kRuntimeVersion), std::string::npos) << r.out;
}

TEST_F(AppCli, UsageErrorsExitTwoOnOneLine) {
  for (auto args : std::vector<std::vector<std::string>>{{"--bogus"},
                                                         {},
                                                         {"--json"},
                                                         {"--info", "--verify"},
                                                         {"--info", hello_input().string()},
                                                         {"--threads", "0", "--info"},
                                                         {"--resize", "squash", hello_input().string()},
                                                         {"--top-k", "0", hello_input().string()}}) {
    Outcome r = app_run(args);
    std::string what = args.empty() ? "(no arguments)" : args[0];
    EXPECT_EQ(r.code, kExitUsage) << what << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << what << ": " << r.err;
  }
}

TEST_F(AppCli, BadInputFilesExitThreeNamingTheFile) {
  fs::path out = temp_dir("app-cli-bad");
  fs::path not_npy = out / "not.npy";
  write_file(not_npy, std::vector<uint8_t>{'h', 'e', 'l', 'l', 'o'});
  struct Case {
    std::vector<std::string> inputs;
    std::string file_named;
    const char* says;
  };
  std::string wrong_dtype = npy("int8.npy", DType::kI8, {1, 1}).string();
  std::string wrong_shape = npy("shape.npy", DType::kF32, {1, 2}).string();
  Case cases[] = {
      {{(out / "missing.npy").string()}, "missing.npy", "cannot open"},
      {{not_npy.string()}, "not.npy", ".npy"},
      {{wrong_dtype}, "int8.npy", "dtype int8"},
      {{wrong_shape}, "shape.npy", "shape [1, 2]"},
      {{hello_input().string(), hello_input().string()}, "", "takes 1 input"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args;
    for (const auto& in : c.inputs) args.insert(args.end(), {"--input", in});
    args.insert(args.end(), {"--output-dir", (out / "o").string()});
    Outcome r = app_run(args);
    EXPECT_EQ(r.code, kExitBadInput) << c.says << ": " << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find(c.file_named), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(out / "o")) << "nothing is written when inputs are refused";
}

TEST_F(AppCli, UnwritableOutputExitsSeven) {
  fs::path dir = temp_dir("app-cli-unwritable");
  write_file(dir / "file", std::vector<uint8_t>{1});
  Outcome r = app_run({"--input", hello_input().string(), "--output-dir", (dir / "file").string()});
  EXPECT_EQ(r.code, kExitOutputWrite) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
}

TEST_F(AppCli, InfoDescribesModelAndPayload) {
  Outcome r = app_run({"--info"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  for (const char* s : {"serving_default_dense_input:0", "float32 [1, 1]", "FULLY_CONNECTED", "model.tflite",
                        embed::kRuntimeVersion})
    EXPECT_NE(r.out.find(s), std::string::npos) << s << " in\n" << r.out;

  r = app_run({"--info", "--json"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["inputs"].size(), 1u);
  EXPECT_EQ(j["inputs"][0]["dtype"], "float32");
  EXPECT_EQ(j["inputs"][0]["shape"], nlohmann::json::array({1, 1}));
  EXPECT_TRUE(j["inputs"][0]["quantization"].is_null());
  EXPECT_EQ(j["ops"]["FULLY_CONNECTED"], 3);
  EXPECT_EQ(j["payload"]["located"], "section");
  EXPECT_EQ(j["payload"]["entries"][0]["original_size"], fs::file_size(hello_model()));
  EXPECT_EQ(j["stub"]["version"], embed::kRuntimeVersion);
}

TEST_F(AppCli, VerifyChecksHashes) {
  Outcome r = app_run({"--verify"});
  EXPECT_EQ(r.code, kExitOk) << describe(r);
  // Damage one byte of the model entry: everything refuses, on one line.
  fs::path dir = temp_dir("app-cli-damaged");
  auto bytes = read_file(app());
  embed::format::Trailer t = embed::format::decode_trailer(bytes.data() + bytes.size() - 64);
  bytes[bytes.size() - t.payload_size + 100] ^= 0x01;
  write_file(dir / "app", bytes);
  fs::permissions(dir / "app", fs::perms::owner_all);
  for (std::vector<std::string> args : {std::vector<std::string>{"--verify"}, {"--info"},
                                        {"--input", hello_input().string(), "--output-dir", (dir / "o").string()}}) {
    args.insert(args.begin(), (dir / "app").string());
    r = run(args);
    EXPECT_EQ(r.code, kExitPayload) << describe(r);
    EXPECT_TRUE(r.one_line_error()) << r.err;
    EXPECT_NE(r.err.find("model.tflite"), std::string::npos) << r.err;
  }
}

TEST_F(AppCli, PayloadForAnotherRuntimeOrFormatIsRefused) {
  fs::path dir = temp_dir("app-cli-versions");
  auto stub = read_file(stub_exe());
  auto model = read_file(hello_model());
  embed::PackOptions o;
  o.runtime_version = "9.9.9";
  o.target = embed::kTarget;
  ASSERT_TRUE(embed::write_app(stub, {{"model.tflite", embed::EntryKind::kModel, model}}, o,
                               (dir / "other-runtime").string())
                  .ok());
  Outcome r = run({(dir / "other-runtime").string(), "--info"});
  EXPECT_EQ(r.code, kExitPayload) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("runtime 9.9.9"), std::string::npos) << r.err;

  auto bytes = read_file(app());
  embed::format::Trailer t = embed::format::decode_trailer(bytes.data() + bytes.size() - 64);
  t.format_version = 7;
  embed::format::encode_trailer(t, bytes.data() + bytes.size() - 64);
  write_file(dir / "newer-format", bytes);
  fs::permissions(dir / "newer-format", fs::perms::owner_all);
  r = run({(dir / "newer-format").string(), "--info"});
  EXPECT_EQ(r.code, kExitPayload) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("payload format version 7 is not supported"), std::string::npos) << r.err;
}

// x + y where both inputs are [1, 2] with shape signature [-1, 2]: the batch
// dimension may be resized, the other may not.
std::vector<uint8_t> resizable_add_model() {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 2});
  int y = w.add_input("y", DType::kF32, {1, 2});
  int sum = w.add_tensor("sum", DType::kF32, {1, 2});
  w.add_op(tflfb::BuiltinOperator_ADD, {x, y}, {sum}, tflfb::AddOptionsT());
  w.add_output(sum);
  auto bytes = w.finish();
  std::unique_ptr<tflfb::ModelT> m(tflfb::GetModel(bytes.data())->UnPack());
  for (int t : {x, y, sum}) m->subgraphs[0]->tensors[t]->shape_signature = {-1, 2};
  flatbuffers::FlatBufferBuilder fbb;
  fbb.Finish(tflfb::Model::Pack(fbb, m.get()), "TFL3");
  return {fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize()};
}

TEST_F(AppCli, ResizesInputsOnlyWhereTheModelAllows) {
  fs::path dir = temp_dir("app-cli-resize");
  write_file(dir / "add.tflite", resizable_add_model());
  bundle_or_fail(dir / "add.tflite", dir / "app");
  NpyArray a = random_array(DType::kF32, {3, 2}, 1), b = random_array(DType::kF32, {3, 2}, 2);
  write_file(dir / "a.npy", serialize_npy(a.type, a.shape, a.data));
  write_file(dir / "b.npy", serialize_npy(b.type, b.shape, b.data));
  Outcome r = run({(dir / "app").string(), "--input", (dir / "a.npy").string(), "--input", (dir / "b.npy").string(),
                   "--output-dir", (dir / "out").string()});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  NpyArray sum = load_npy(dir / "out" / "output_0.npy");
  ASSERT_EQ(sum.shape, (std::vector<int64_t>{3, 2}));
  for (int i = 0; i < 6; ++i)
    EXPECT_FLOAT_EQ(reinterpret_cast<const float*>(sum.data.data())[i],
                    reinterpret_cast<const float*>(a.data.data())[i] + reinterpret_cast<const float*>(b.data.data())[i]);

  NpyArray wide = random_array(DType::kF32, {1, 3}, 3);
  write_file(dir / "wide.npy", serialize_npy(wide.type, wide.shape, wide.data));
  r = run({(dir / "app").string(), "--input", (dir / "wide.npy").string(), "--input", (dir / "wide.npy").string(),
           "--output-dir", (dir / "out2").string()});
  EXPECT_EQ(r.code, kExitBadInput) << describe(r);
  EXPECT_TRUE(r.one_line_error()) << r.err;
  EXPECT_NE(r.err.find("wide.npy: shape [1, 3]"), std::string::npos) << r.err;
}

TEST_F(AppCli, BenchmarkReportsLatencyAsBenchmarkModelDoes) {
  Outcome r = app_run({"--input", hello_input().string(), "--benchmark", "--runs", "5", "--warmup", "2"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  EXPECT_NE(r.out.find("count=5 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Inference timings in us: Init: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(", Inference (avg): "), std::string::npos) << r.out;
  // Without inputs it runs on generated ones.
  r = app_run({"--benchmark", "--runs", "3"});
  ASSERT_EQ(r.code, kExitOk) << describe(r);
  EXPECT_NE(r.out.find("count=3 "), std::string::npos) << r.out;
}

}  // namespace
}  // namespace tfb::test
