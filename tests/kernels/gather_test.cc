#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> gather_model(DType type, Shape params, Shape indices, int axis, int batch_dims, Shape out,
                                  const std::vector<int32_t>& const_indices = {}) {
  ModelWriter w;
  int p = w.add_input("params", type, params);
  int i = const_indices.empty() ? w.add_input("indices", DType::kI32, indices)
                                : w.add_constant("indices", DType::kI32, indices, const_indices);
  int y = w.add_tensor("y", type, out);
  tflfb::GatherOptionsT o;
  o.axis = axis;
  o.batch_dims = batch_dims;
  w.add_op(tflfb::BuiltinOperator_GATHER, {p, i}, {y}, o, batch_dims ? 5 : 1);
  w.add_output(y);
  return w.finish();
}

TEST(Gather, PicksRowsAndColumns) {
  NpyArray p = array_of(DType::kF32, {3, 2}, {1, 2, 3, 4, 5, 6});
  auto out = run_ours(gather_model(DType::kF32, {3, 2}, {2}, 0, 0, {2, 2}), {p, array_of(DType::kI32, {2}, {2, 0})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{5, 6, 1, 2}));
  out = run_ours(gather_model(DType::kF32, {3, 2}, {2, 2}, -1, 0, {3, 2, 2}),
                 {p, array_of(DType::kI32, {2, 2}, {1, 1, 0, 1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 2, 2}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{2, 2, 1, 2, 4, 4, 3, 4, 6, 6, 5, 6}));
}

TEST(Gather, BatchDims) {
  // params [2, 3], indices [2, 2], batch_dims 1: out[b, j] = params[b, indices[b, j]].
  auto out = run_ours(gather_model(DType::kI8, {2, 3}, {2, 2}, 1, 1, {2, 2}),
                      {array_of(DType::kI8, {2, 3}, {1, 2, 3, 4, 5, 6}), array_of(DType::kI32, {2, 2}, {2, 0, 1, 1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 1, 5, 5}));
}

TEST(Gather, OutOfRangeIndexIsACleanError) {
  auto model = gather_model(DType::kF32, {3, 2}, {2}, 0, 0, {2, 2});
  NpyArray p = random_of(DType::kF32, {3, 2}, 1);
  for (double bad : {3.0, -1.0}) {
    Status st = run_status(model, {p, array_of(DType::kI32, {2}, {0, bad})});
    EXPECT_EQ(st.kind(), ErrorKind::kRuntime) << st.message();
    EXPECT_NE(st.message().find("out of range"), std::string::npos) << st.message();
  }
}

TEST(Gather, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  // Embedding lookup as in nl_classifier: constant table, token ids as input.
  auto model = gather_model(DType::kF32, {10, 6}, {1, 7}, 0, 0, {1, 7, 6});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kF32, {10, 6}, 1), random_of(DType::kI32, {1, 7}, 2)}, true));
  model = gather_model(DType::kI32, {2, 4, 3}, {2, 5}, 1, 1, {2, 5, 3});
  EXPECT_TRUE(
      same_as_tflite(model, {random_of(DType::kI32, {2, 4, 3}, 3), random_array(DType::kI32, {2, 5}, 4, 0, 3)}, true));
}

}  // namespace
}  // namespace tfb::test
