#include "op_test_util.h"

namespace tfb::test {
namespace {

// RESHAPE of x with the shape as a constant input, a model input, or only
// in the options (shape_input = false).
std::vector<uint8_t> reshape_model(DType type, Shape in_shape, std::vector<int32_t> new_shape, Shape out_shape,
                                   bool shape_input, bool shape_is_model_input = false) {
  ModelWriter w;
  int x = w.add_input("x", type, in_shape);
  int s = -1;
  if (shape_input) {
    Shape ss{static_cast<int32_t>(new_shape.size())};
    s = shape_is_model_input ? w.add_input("shape", DType::kI32, ss)
                             : w.add_constant("shape", DType::kI32, ss, new_shape);
  }
  int y = w.add_tensor("y", type, out_shape);
  tflfb::ReshapeOptionsT opts;
  opts.new_shape = new_shape;
  w.add_op(tflfb::BuiltinOperator_RESHAPE, shape_input ? std::vector<int>{x, s} : std::vector<int>{x}, {y}, opts);
  w.add_output(y);
  return w.finish();
}

TEST(Reshape, InfersWildcardAndKeepsElementOrder) {
  auto model = reshape_model(DType::kF32, {2, 3, 2}, {-1, 4}, {3, 4}, true);
  NpyArray x = array_of(DType::kF32, {2, 3, 2}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  auto out = run_ours(model, {x});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(values_of(out[0]), values_of(x));
}

TEST(Reshape, ShapeFromOptionsOnly) {
  auto model = reshape_model(DType::kI8, {1, 6}, {2, 3}, {2, 3}, false);
  auto out = run_ours(model, {array_of(DType::kI8, {1, 6}, {-1, 2, -3, 4, -5, 6})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-1, 2, -3, 4, -5, 6}));
}

TEST(Reshape, LegacyZeroShapeMeansScalar) {
  auto model = reshape_model(DType::kF32, {1, 1}, {0}, {}, false);
  auto out = run_ours(model, {array_of(DType::kF32, {1, 1}, {2.5})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].shape.empty());
  EXPECT_EQ(values_of(out[0]), std::vector<double>{2.5});
}

TEST(Reshape, ShapeComputedAtRunTime) {
  auto model = reshape_model(DType::kF32, {4, 3}, {0, 0}, {0, 0}, true, /*shape_is_model_input=*/true);
  NpyArray x = random_of(DType::kF32, {4, 3}, 1);
  for (auto dims : {std::vector<double>{6, 2}, std::vector<double>{-1, 12}, std::vector<double>{3, -1}}) {
    auto out = run_ours(model, {x, array_of(DType::kI32, {2}, dims)});
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].count(), 12);
    EXPECT_EQ(values_of(out[0]), values_of(x));
  }
  Status st = run_status(model, {x, array_of(DType::kI32, {2}, {5, 2})});
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("element counts differ"), std::string::npos) << st.message();
}

TEST(Reshape, RejectsBadShapes) {
  NpyArray x = random_of(DType::kF32, {2, 3}, 2);
  Status st = run_status(reshape_model(DType::kF32, {2, 3}, {4, 2}, {4, 2}, true), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  st = run_status(reshape_model(DType::kF32, {2, 3}, {-1, -1}, {2, 3}, true), {x});
  EXPECT_NE(st.message().find("more than one -1"), std::string::npos) << st.message();
  st = run_status(reshape_model(DType::kF32, {2, 3}, {-2, -3}, {2, 3}, true), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  st = run_status(reshape_model(DType::kF32, {2, 3}, {0, -1}, {2, 3}, true), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

// x -NEG-> a -RESHAPE-> b -ABS-> d -RESHAPE-> e; y = e + a. b shares a's
// buffer and e shares d's, so a must stay intact while d is computed; the
// last RESHAPE of y into the output z is a graph output and keeps its own.
TEST(Reshape, OutputSharesTheInputBufferInsideTheGraph) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {4, 8});
  int a = w.add_tensor("a", DType::kF32, {4, 8}), b = w.add_tensor("b", DType::kF32, {32});
  int d = w.add_tensor("d", DType::kF32, {32}), e = w.add_tensor("e", DType::kF32, {4, 8});
  int y = w.add_tensor("y", DType::kF32, {4, 8}), z = w.add_tensor("z", DType::kF32, {32});
  auto reshape = [&](int from, int to, std::vector<int32_t> shape) {
    tflfb::ReshapeOptionsT opts;
    opts.new_shape = shape;
    w.add_op(tflfb::BuiltinOperator_RESHAPE, {from}, {to}, opts);
  };
  w.add_op(tflfb::BuiltinOperator_NEG, {x}, {a});
  reshape(a, b, {32});
  w.add_op(tflfb::BuiltinOperator_ABS, {b}, {d});
  reshape(d, e, {4, 8});
  tflfb::AddOptionsT add;
  w.add_op(tflfb::BuiltinOperator_ADD, {e, a}, {y}, add);
  reshape(y, z, {32});
  w.add_output(z);
  auto model = w.finish();

  std::unique_ptr<Interpreter> interp;
  ASSERT_TRUE(Interpreter::create(model, {}, &interp).ok());
  NpyArray in = random_of(DType::kF32, {4, 8}, 7);
  std::memcpy(interp->input(0).data, in.data.data(), in.data.size());
  ASSERT_TRUE(interp->invoke().ok());
  const auto& t = interp->main().tensors;
  EXPECT_EQ(t[b].data, t[a].data);
  EXPECT_EQ(t[e].data, t[d].data);
  EXPECT_NE(t[z].data, t[y].data);
  const std::vector<double> xs = values_of(in), zs = values_of(to_npy(interp->output(0)));
  ASSERT_EQ(zs.size(), xs.size());
  for (size_t i = 0; i < xs.size(); ++i) EXPECT_EQ(zs[i], std::abs(xs[i]) - xs[i]) << "element " << i;
}

struct ReshapeCase {
  DType type;
  Shape in;
  std::vector<int32_t> shape;
  Shape out;
  bool runtime_shape;
};

class ReshapeVsTflite : public ::testing::TestWithParam<ReshapeCase> {};

TEST_P(ReshapeVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const ReshapeCase& c = GetParam();
  auto model = reshape_model(c.type, c.in, c.shape, c.out, true, c.runtime_shape);
  std::vector<int64_t> in_dims(c.in.dim, c.in.dim + c.in.rank);
  std::vector<NpyArray> inputs = {random_of(c.type, in_dims, 3)};
  if (c.runtime_shape)
    inputs.push_back(array_of(DType::kI32, {static_cast<int64_t>(c.shape.size())},
                              std::vector<double>(c.shape.begin(), c.shape.end())));
  EXPECT_TRUE(same_as_tflite(model, inputs, /*exact=*/true));
}

INSTANTIATE_TEST_SUITE_P(Grid, ReshapeVsTflite,
                         ::testing::Values(ReshapeCase{DType::kF32, {1, 4, 4, 8}, {1, -1}, {1, 128}, false},
                                           ReshapeCase{DType::kI8, {2, 3, 5}, {5, 6}, {5, 6}, false},
                                           ReshapeCase{DType::kU8, {1, 1, 1, 10}, {-1, 10}, {1, 10}, true}));

}  // namespace
}  // namespace tfb::test
