#include "kernels/lstm_test_models.h"

namespace tfb::test {
namespace {

// TFLite's own LSTM test model: layer norm, projection, one step.
TEST(Lstm, UnitModelMatchesGolden) {
  TFB_REQUIRE_SHARED();
  auto model = read_file(shared_dir() / "models/unit_lstm_float.tflite");
  NpyArray in = load_npy(shared_dir() / "golden/unit_lstm_float/input_0.npy");
  NpyArray ref = load_npy(shared_dir() / "golden/unit_lstm_float/output_0.npy");
  std::vector<NpyArray> out;
  Status st = run_interpreter(model, {in}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(floats_close(out[0], ref));
}

// Broken models are refused at load with a message naming the problem.
TEST(Lstm, RejectsMalformedModels) {
  struct Bad {
    const char* what;
    std::function<void(tflfb::ModelT&)> edit;
    const char* message;
  };
  const Bad cases[] = {
      {"state of the wrong size",
       [](tflfb::ModelT& m) { m.subgraphs[0]->tensors[m.subgraphs[0]->operators[0]->inputs[19]]->shape = {1, 3}; },
       "do not hold"},
      {"recurrent weights of the wrong shape",
       [](tflfb::ModelT& m) { m.subgraphs[0]->operators[0]->inputs[6] = m.subgraphs[0]->operators[0]->inputs[2]; },
       "forget gate recurrent weights"},
      {"half a CIFG", [](tflfb::ModelT& m) { m.subgraphs[0]->operators[0]->inputs[5] = -1; }, "CIFG"},
      {"too few inputs", [](tflfb::ModelT& m) { m.subgraphs[0]->operators[0]->inputs.resize(12); }, "expects 24 inputs"},
  };
  for (const Bad& b : cases) {
    LstmCase c;
    auto bytes = lstm_model(c);
    std::unique_ptr<tflfb::ModelT> m(tflfb::GetModel(bytes.data())->UnPack());
    b.edit(*m);
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(tflfb::Model::Pack(fbb, m.get()), tflfb::ModelIdentifier());
    std::unique_ptr<Interpreter> interp;
    Status st = Interpreter::create(std::span<const uint8_t>(fbb.GetBufferPointer(), fbb.GetSize()), {}, &interp);
    EXPECT_FALSE(st.ok()) << b.what;
    EXPECT_NE(st.message().find(b.message), std::string::npos) << b.what << ": " << st.message();
  }
}

}  // namespace
}  // namespace tfb::test
