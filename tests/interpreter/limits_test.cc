// Untrusted models: shapes whose sizes would overflow, quantization that
// does not fit its dtype, memory beyond the limit, nesting beyond the
// stack, and what real TFLite accepts (empty constants). Every refusal is
// a Status naming the tensor, never a crash or an attempt to allocate.
#include "support/robust_models.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

Status create(const std::vector<uint8_t>& model, std::unique_ptr<Interpreter>* interp, size_t max_memory = kDefaultMaxMemory) {
  InterpreterOptions o;
  o.max_memory_bytes = max_memory;
  return Interpreter::create(model, o, interp);
}

// x -> RELU -> y, with the given declared shape for x and y.
std::vector<uint8_t> relu_model(const Shape& shape, DType type = DType::kF32, const Quant& q = {}) {
  ModelWriter w;
  int x = w.add_input("x", type, shape, q);
  int y = w.add_tensor("y", type, shape, q);
  w.add_op(tflfb::BuiltinOperator_RELU, {x}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(ModelLimits, ShapesWhoseSizeOverflowsAreRefused) {
  // 2^31-1 per dimension: the element count overflows 64 bits by the third
  // dimension, so the check must divide before it multiplies.
  const int32_t big = INT32_MAX;
  for (Shape s : {Shape{big, big, big, big}, Shape{big, big, 2, 2, 2, 2, 2, 2}, Shape{1 << 20, 1 << 20}}) {
    std::unique_ptr<Interpreter> interp;
    Status st = create(relu_model(s), &interp);
    EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << s.str() << ": " << st.message();
    EXPECT_NE(st.message().find("too large"), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("'x'"), std::string::npos) << st.message();
  }
}

TEST(ModelLimits, ComputedShapesWhoseSizeOverflowsAreRefused) {
  // TILE's output shape comes from tensor values: 2^31-1 along each of four
  // dimensions.
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 1, 1, 1});
  int m = w.add_constant<int32_t>("multiples", DType::kI32, {4}, {INT32_MAX, INT32_MAX, INT32_MAX, INT32_MAX});
  int y = w.add_tensor("y", DType::kF32, {1, 1, 1, 1});
  w.add_op(tflfb::BuiltinOperator_TILE, {x, m}, {y});
  w.add_output(y);
  std::unique_ptr<Interpreter> interp;
  Status st = create(w.finish(), &interp);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("TILE"), std::string::npos) << st.message();
}

TEST(ModelLimits, TensorsBeyondTheMemoryLimitAreNamedNotAllocated) {
  // 4 GiB of floats, against a 64 MiB limit: refused before any allocation.
  std::unique_ptr<Interpreter> interp;
  Status st = create(relu_model({1, 32768, 32768}), &interp, size_t{64} << 20);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("tensor 'y'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("4294967296 bytes"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("64.0 MiB"), std::string::npos) << st.message();
  // The same model fits a larger limit as far as planning goes; a small one runs.
  EXPECT_TRUE(create(relu_model({1, 1024, 1024}), &interp, size_t{64} << 20).ok());
}

TEST(ModelLimits, ComputedTensorsBeyondTheMemoryLimitAreRefused) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 1});
  int m = w.add_constant<int32_t>("multiples", DType::kI32, {2}, {8192, 8192});
  int y = w.add_tensor("tiled", DType::kF32, {1, 1});
  w.add_op(tflfb::BuiltinOperator_TILE, {x, m}, {y});
  w.add_output(y);
  std::unique_ptr<Interpreter> interp;
  Status st = create(w.finish(), &interp, size_t{16} << 20);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("'tiled'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("op #0 TILE"), std::string::npos) << st.message();
}

TEST(ModelLimits, EmptyTensorsWhoseOtherDimensionsExceedTheLimitAreRefused) {
  // No elements, but kernels size loops and state by the other dimensions:
  // 2^26 x 64 floats is 16 GiB, against a 64 MiB limit.
  std::unique_ptr<Interpreter> interp;
  Status st = create(relu_model({0, 1 << 26, 64}), &interp, size_t{64} << 20);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("'x'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("empty"), std::string::npos) << st.message();
  // Empty tensors whose other dimensions fit are fine.
  EXPECT_TRUE(create(relu_model({0, 1024, 64}), &interp, size_t{64} << 20).ok());
}

TEST(ModelLimits, ComputedEmptyTensorsWhoseOtherDimensionsExceedTheLimitAreRefused) {
  // BATCH_MATMUL broadcasts [4096, 1] batches against [1, 4096] ones over an
  // empty product: the output [4096, 4096, 0, 2] holds nothing, yet has
  // 2^24 batches (a fuzz find: the kernel once kept two offsets per batch).
  ModelWriter w;
  int a = w.add_input("a", DType::kF32, {4096, 1, 0, 3});
  int b = w.add_input("b", DType::kF32, {1, 4096, 3, 2});
  int y = w.add_tensor("product", DType::kF32, {1, 1, 0, 2});  // computed at prepare
  w.add_op(tflfb::BuiltinOperator_BATCH_MATMUL, {a, b}, {y});
  w.add_output(y);
  std::unique_ptr<Interpreter> interp;
  Status st = create(w.finish(), &interp, size_t{16} << 20);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("'product'"), std::string::npos) << st.message();
}

TEST(ModelLimits, VariablesBeyondTheMemoryLimitAreNeverAllocated) {
  // A 2^38-element variable (1 TiB): were it allocated, the test would die.
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1});
  int v = w.add_tensor("state", DType::kF32, {1 << 19, 1 << 19});
  w.set_variable(v);
  int y = w.add_tensor("y", DType::kF32, {1});
  w.add_op(tflfb::BuiltinOperator_RELU, {x}, {y});
  w.add_output(y);
  std::unique_ptr<Interpreter> interp;
  Status st = create(w.finish(), &interp);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("'state'"), std::string::npos) << st.message();
}

TEST(ModelLimits, ArenaBeyondTheMemoryLimitNamesTheLargestTensor) {
  // Three 8 MiB tensors alive at once: no single one passes 20 MiB, together they do.
  ModelWriter w;
  const Shape s{1, 2048, 1024};
  int a = w.add_input("a", DType::kF32, s);
  int b = w.add_input("b", DType::kF32, s);
  int c = w.add_tensor("c", DType::kF32, s);
  w.add_op(tflfb::BuiltinOperator_ADD, {a, b}, {c}, tflfb::AddOptionsT());
  w.add_output(c);
  std::unique_ptr<Interpreter> interp;
  Status st = create(w.finish(), &interp, size_t{20} << 20);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("activations need"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("8388608 bytes"), std::string::npos) << st.message();
}

TEST(ModelLimits, InputResizeBeyondTheLimitIsRefusedAndTheInterpreterStaysUsable) {
  std::unique_ptr<Interpreter> interp;
  ASSERT_TRUE(create(relu_model({1, 4}), &interp, size_t{1} << 20).ok());
  Status st = interp->resize_input(0, Shape{1, 1 << 20});
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  st = interp->resize_input(0, Shape{INT32_MAX, INT32_MAX, INT32_MAX});
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("too large"), std::string::npos) << st.message();
  ASSERT_TRUE(interp->resize_input(0, Shape{1, 3}).ok());
  interp->input(0).as<float>()[1] = -2.f;
  interp->input(0).as<float>()[2] = 5.f;
  ASSERT_TRUE(interp->invoke().ok());
  EXPECT_EQ(interp->output(0).as<float>()[1], 0.f);
  EXPECT_EQ(interp->output(0).as<float>()[2], 5.f);
}

TEST(ModelLimits, ZeroPointsOutsideTheDtypeAreRefused) {
  struct Case {
    DType type;
    int64_t zp;
  };
  for (Case c : {Case{DType::kI8, 128}, Case{DType::kI8, -129}, Case{DType::kU8, -1}, Case{DType::kU8, 256},
                 Case{DType::kI16, 40000}, Case{DType::kI32, int64_t{1} << 40}}) {
    Quant q;
    q.scale = {0.5f};
    q.zero_point = {c.zp};
    std::unique_ptr<Interpreter> interp;
    Status st = create(relu_model({1, 4}, c.type, q), &interp);
    EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << dtype_name(c.type) << " zp " << c.zp << ": " << st.message();
    EXPECT_NE(st.message().find("zero point"), std::string::npos) << st.message();
  }
}

TEST(ModelLimits, ScaleCountMustMatchTheQuantizedDimension) {
  Quant q;
  q.scale = {0.5f, 0.25f, 0.125f};
  q.zero_point = {0, 0, 0};
  q.axis = 1;
  std::unique_ptr<Interpreter> interp;
  Status st = create(relu_model({1, 4}, DType::kI8, q), &interp);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  EXPECT_NE(st.message().find("3 scales along dimension 1"), std::string::npos) << st.message();
}

TEST(ModelLimits, EmptyConstantsAreConstantsAsInTflite) {
  // SUM over an empty axis list (a constant with no elements and an empty
  // buffer) keeps the input as it is; it used to be refused as "read
  // before any op writes it".
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {2, 3});
  int axes = w.add_tensor("axes", DType::kI32, {0});
  int y = w.add_tensor("y", DType::kF32, {2, 3});
  tflfb::ReducerOptionsT o;
  o.keep_dims = true;
  w.add_op(tflfb::BuiltinOperator_SUM, {x, axes}, {y}, o);
  w.add_output(y);
  auto model = w.finish();
  NpyArray in = random_array(DType::kF32, {2, 3}, 3);
  std::vector<NpyArray> out;
  Status st = run_interpreter(model, {in}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out[0].shape, in.shape);
  EXPECT_EQ(out[0].data, in.data);
  if (tflite_ref_path()) {
    std::vector<NpyArray> ref;
    ASSERT_TRUE(run_tflite_ref(model, {in}, &ref).ok());
    EXPECT_TRUE(floats_close(out[0], ref[0]));
  }
}

TEST(ModelLimits, EmptyTensorsAnOpWritesAreNotConstants) {
  // A zero-element tensor that an op does write stays an ordinary tensor
  // (no "writes into constant tensor").
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {0, 3});
  int y = w.add_tensor("y", DType::kF32, {0, 3});
  w.add_op(tflfb::BuiltinOperator_RELU, {x}, {y});
  w.add_output(y);
  std::unique_ptr<Interpreter> interp;
  Status st = create(w.finish(), &interp);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(interp->invoke().ok());
}

// Subgraph k (k < depth) is one IF whose both branches are subgraph k + 1;
// the last just passes its input through.
std::vector<uint8_t> nested_if_model(int depth) {
  ModelWriter w;
  for (int k = 0; k <= depth; ++k) {
    if (k > 0) w.add_subgraph("level" + std::to_string(k));
    int c = w.add_input("c", DType::kBool, {1});
    int x = w.add_input("x", DType::kF32, {1});
    if (k == depth) {
      w.add_output(x);
      continue;
    }
    int y = w.add_tensor("y", DType::kF32, {1});
    tflfb::IfOptionsT o;
    o.then_subgraph_index = k + 1;
    o.else_subgraph_index = k + 1;
    w.add_op(tflfb::BuiltinOperator_IF, {c, c, x}, {y}, o);
    w.add_output(y);
  }
  return w.finish();
}

TEST(ModelLimits, DeeplyNestedControlFlowIsRefusedNotAStackOverflow) {
  std::unique_ptr<Interpreter> interp;
  Status st = create(nested_if_model(8), &interp);
  ASSERT_TRUE(st.ok()) << "modest nesting runs: " << st.message();
  st = create(nested_if_model(5000), &interp);
  EXPECT_EQ(st.kind(), ErrorKind::kUnsupported) << st.message();
  EXPECT_NE(st.message().find("nests more than"), std::string::npos) << st.message();
}

TEST(ModelLimits, FailedAllocationIsAnError) {
  // With no limit, a 512 GiB tensor reaches the allocator, which fails (the
  // machine has less): an error, not an abort.
  std::unique_ptr<Interpreter> interp;
  Status st = create(relu_model({1 << 17, 1 << 20}), &interp, SIZE_MAX);
  EXPECT_EQ(st.kind(), ErrorKind::kResourceExhausted) << st.message();
  EXPECT_NE(st.message().find("out of memory"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace tfb::test
