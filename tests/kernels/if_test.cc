#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

// IF(cond, x): the then branch adds `step` to x (broadcasting, so it may
// change the shape), the else branch returns x unchanged.
std::vector<uint8_t> if_model(int x_len, std::vector<float> step) {
  ModelWriter w;
  int cond = w.add_input("cond", DType::kBool, {});
  int x = w.add_input("x", DType::kF32, {x_len});
  int y = w.add_tensor("y", DType::kF32, {x_len});
  tflfb::IfOptionsT opts;
  opts.then_subgraph_index = 1;
  opts.else_subgraph_index = 2;
  w.add_op(tflfb::BuiltinOperator_IF, {cond, x}, {y}, opts);
  w.add_output(y);
  w.add_subgraph("then");
  int tx = w.add_input("x", DType::kF32, {x_len});
  int c = w.add_constant<float>("step", DType::kF32, {static_cast<int>(step.size())}, step);
  int sum = w.add_tensor("sum", DType::kF32, {std::max<int>(x_len, step.size())});
  w.add_op(tflfb::BuiltinOperator_ADD, {tx, c}, {sum}, tflfb::AddOptionsT());
  w.add_output(sum);
  w.add_subgraph("else");
  w.add_output(w.add_input("x", DType::kF32, {x_len}));
  return w.finish();
}

std::vector<NpyArray> inputs(bool cond, std::vector<float> x) {
  NpyArray c{DType::kBool, {}, {static_cast<uint8_t>(cond)}};
  NpyArray a{DType::kF32, {static_cast<int64_t>(x.size())}, {}};
  a.data.assign(reinterpret_cast<const uint8_t*>(x.data()), reinterpret_cast<const uint8_t*>(x.data() + x.size()));
  return {c, a};
}

std::vector<float> run(const std::vector<uint8_t>& model, bool cond, std::vector<float> x) {
  std::vector<NpyArray> out;
  Status st = run_interpreter(model, inputs(cond, x), &out);
  EXPECT_TRUE(st.ok()) << st.message();
  if (!st.ok()) return {};
  const float* p = reinterpret_cast<const float*>(out[0].data.data());
  return std::vector<float>(p, p + out[0].count());
}

TEST(If, RunsTheChosenBranch) {
  auto model = if_model(2, {1.f, 2.f});
  EXPECT_EQ(run(model, true, {3.f, 4.f}), (std::vector<float>{4.f, 6.f}));
  EXPECT_EQ(run(model, false, {3.f, 4.f}), (std::vector<float>{3.f, 4.f}));
}

TEST(If, BranchesMayGiveDifferentShapes) {
  auto model = if_model(1, {1.f, 2.f});
  EXPECT_EQ(run(model, true, {3.f}), (std::vector<float>{4.f, 5.f}));
  EXPECT_EQ(run(model, false, {3.f}), (std::vector<float>{3.f}));
}

TEST(If, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  for (bool cond : {true, false}) {
    auto model = if_model(3, {0.5f, -1.f, 2.f});
    std::vector<NpyArray> ours, ref;
    ASSERT_TRUE(run_interpreter(model, inputs(cond, {1.f, 2.f, 3.f}), &ours).ok());
    Status st = run_tflite_ref(model, inputs(cond, {1.f, 2.f, 3.f}), &ref);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(floats_close(ours[0], ref[0])) << "cond " << cond;
  }
}

}  // namespace
}  // namespace tfb::test
