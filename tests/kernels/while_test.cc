#include <atomic>
#include <thread>

#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

// A loop that needs no comparison op: the loop variables hold `flags`
// booleans, the first `runs` of them true, that the body shifts down
// (appending false); cond reads the first one, so the body runs `runs` times. The body also adds
// `step` to the float variable x. With `step` longer than x the shape of x
// changes in the first iteration (broadcasting).
std::vector<uint8_t> shift_loop_model(int flags, int runs, std::vector<float> step, int x_len, bool endless = false) {
  ModelWriter w;
  const int cond_index = 1, body_index = 2;
  int x = w.add_input("x", DType::kF32, {x_len});
  std::vector<int> in, out;
  for (int i = 0; i < flags; ++i) in.push_back(w.add_constant<uint8_t>("flag" + std::to_string(i), DType::kBool, {}, {i < runs}));
  in.push_back(x);
  for (int i = 0; i <= flags; ++i) out.push_back(w.add_tensor("out" + std::to_string(i), i < flags ? DType::kBool : DType::kF32, {}));
  tflfb::WhileOptionsT opts;
  opts.cond_subgraph_index = cond_index;
  opts.body_subgraph_index = body_index;
  w.add_op(tflfb::BuiltinOperator_WHILE, in, out, opts);
  w.add_output(out.back());

  w.add_subgraph("cond");
  std::vector<int> cond_in;
  for (int i = 0; i < flags; ++i) cond_in.push_back(w.add_input("flag" + std::to_string(i), DType::kBool, {}));
  cond_in.push_back(w.add_input("x", DType::kF32, {x_len}));
  w.add_output(cond_in[0]);

  w.add_subgraph("body");
  std::vector<int> body_in;
  for (int i = 0; i < flags; ++i) body_in.push_back(w.add_input("flag" + std::to_string(i), DType::kBool, {}));
  body_in.push_back(w.add_input("x", DType::kF32, {x_len}));
  int off = w.add_constant<uint8_t>("false", DType::kBool, {}, {0});
  int c = w.add_constant<float>("step", DType::kF32, {static_cast<int>(step.size())}, step);
  int sum = w.add_tensor("sum", DType::kF32, {std::max<int>(x_len, step.size())});
  w.add_op(tflfb::BuiltinOperator_ADD, {body_in.back(), c}, {sum}, tflfb::AddOptionsT());
  for (int i = 0; i < flags; ++i) w.add_output(endless ? body_in[i] : i + 1 < flags ? body_in[i + 1] : off);
  w.add_output(sum);
  return w.finish();
}

NpyArray floats(std::vector<float> v, std::vector<int64_t> shape) {
  NpyArray a{DType::kF32, std::move(shape), {}};
  a.data.assign(reinterpret_cast<const uint8_t*>(v.data()), reinterpret_cast<const uint8_t*>(v.data() + v.size()));
  return a;
}

std::vector<float> values(const NpyArray& a) {
  const float* p = reinterpret_cast<const float*>(a.data.data());
  return std::vector<float>(p, p + a.count());
}

TEST(While, RunsTheBodyWhileCondHolds) {
  std::vector<NpyArray> out;
  Status st = run_interpreter(shift_loop_model(3, 3, {0.5f, 1.f}, 2), {floats({1.f, 2.f}, {2})}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(values(out[0]), (std::vector<float>{2.5f, 5.f}));  // three iterations
}

TEST(While, ZeroIterationsPassesInputsThrough) {
  std::vector<NpyArray> out;
  Status st = run_interpreter(shift_loop_model(2, 0, {7.f}, 1), {floats({3.f}, {1})}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(values(out[0]), (std::vector<float>{3.f}));
}

TEST(While, LoopVariableMayChangeShape) {
  std::vector<NpyArray> out;
  Status st = run_interpreter(shift_loop_model(2, 2, {1.f, 10.f}, 1), {floats({5.f}, {1})}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{2}));
  EXPECT_EQ(values(out[0]), (std::vector<float>{7.f, 25.f}));
}

TEST(While, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  for (auto [model, input] : {std::pair{shift_loop_model(4, 3, {0.25f, -1.f, 2.f}, 3), floats({1.f, 2.f, 3.f}, {3})},
                              std::pair{shift_loop_model(2, 2, {1.f, 10.f}, 1), floats({5.f}, {1})}}) {
    std::vector<NpyArray> ours, ref;
    ASSERT_TRUE(run_interpreter(model, {input}, &ours).ok());
    Status st = run_tflite_ref(model, {input}, &ref);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(floats_close(ours[0], ref[0]));
  }
}

TEST(While, StopsAtTheIterationLimit) {
  auto model = shift_loop_model(1, 1, {1.f}, 1, /*endless=*/true);
  InterpreterOptions opts;
  opts.max_while_iterations = 50;
  std::unique_ptr<Interpreter> interp;
  ASSERT_TRUE(Interpreter::create(model, opts, &interp).ok());
  Status st = interp->invoke();
  EXPECT_EQ(st.kind(), ErrorKind::kRuntime);
  EXPECT_NE(st.message().find("50 iterations"), std::string::npos) << st.message();
}

TEST(While, EndlessLoopCanBeCancelled) {
  auto model = shift_loop_model(1, 1, {1.f}, 1, /*endless=*/true);
  std::atomic<int> cancel{kNotCancelled};
  InterpreterOptions opts;
  opts.max_while_iterations = INT64_MAX;
  opts.cancel = &cancel;
  std::unique_ptr<Interpreter> interp;
  ASSERT_TRUE(Interpreter::create(model, opts, &interp).ok());
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel = kCancelTimeout;
  });
  Status st = interp->invoke();
  stopper.join();
  EXPECT_EQ(st.kind(), ErrorKind::kTimeout) << st.message();
}

TEST(While, RejectsRecursiveSubgraphs) {
  // The body runs a WHILE whose body is the body itself.
  ModelWriter w;
  int x = w.add_input("x", DType::kBool, {});
  int y = w.add_tensor("y", DType::kBool, {});
  tflfb::WhileOptionsT opts;
  opts.cond_subgraph_index = 1;
  opts.body_subgraph_index = 2;
  w.add_op(tflfb::BuiltinOperator_WHILE, {x}, {y}, opts);
  w.add_output(y);
  w.add_subgraph("cond");
  w.add_output(w.add_input("x", DType::kBool, {}));
  w.add_subgraph("body");
  int bx = w.add_input("x", DType::kBool, {});
  int by = w.add_tensor("y", DType::kBool, {});
  w.add_op(tflfb::BuiltinOperator_WHILE, {bx}, {by}, opts);
  w.add_output(by);
  std::unique_ptr<Interpreter> interp;
  Status st = Interpreter::create(w.finish(), {}, &interp);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel);
  EXPECT_NE(st.message().find("inside itself"), std::string::npos) << st.message();
}

TEST(While, RejectsBadSubgraphIndex) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {});
  int y = w.add_tensor("y", DType::kF32, {});
  tflfb::WhileOptionsT opts;
  opts.cond_subgraph_index = 1;
  opts.body_subgraph_index = 7;
  w.add_op(tflfb::BuiltinOperator_WHILE, {x}, {y}, opts);
  w.add_output(y);
  w.add_subgraph("cond");
  w.add_output(w.add_input("x", DType::kF32, {}));
  std::unique_ptr<Interpreter> interp;
  Status st = Interpreter::create(w.finish(), {}, &interp);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel);
  EXPECT_NE(st.message().find("subgraph 7 does not exist"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace tfb::test
