#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> gather_nd_model(DType type, Shape params, Shape indices, Shape out) {
  ModelWriter w;
  int p = w.add_input("params", type, params);
  int i = w.add_input("indices", DType::kI32, indices);
  int y = w.add_tensor("y", type, out);
  w.add_op(tflfb::BuiltinOperator_GATHER_ND, {p, i}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(GatherNd, GathersElementsAndSlices) {
  NpyArray p = array_of(DType::kI8, {2, 2}, {1, 2, 3, 4});
  auto out =
      run_ours(gather_nd_model(DType::kI8, {2, 2}, {2, 2}, {2}), {p, array_of(DType::kI32, {2, 2}, {1, 0, 0, 1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 2}));
  out = run_ours(gather_nd_model(DType::kI8, {2, 2}, {1, 1}, {1, 2}), {p, array_of(DType::kI32, {1, 1}, {1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 4}));
}

TEST(GatherNd, OutOfRangeIndexIsACleanError) {
  Status st = run_status(gather_nd_model(DType::kF32, {2, 2}, {1, 2}, {1}),
                         {random_of(DType::kF32, {2, 2}, 1), array_of(DType::kI32, {1, 2}, {0, 2})});
  EXPECT_EQ(st.kind(), ErrorKind::kRuntime) << st.message();
}

TEST(GatherNd, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = gather_nd_model(DType::kI8, {4, 5, 3}, {6, 2}, {6, 3});
  EXPECT_TRUE(
      same_as_tflite(model, {random_of(DType::kI8, {4, 5, 3}, 1), random_array(DType::kI32, {6, 2}, 2, 0, 3)}, true));
}

}  // namespace
}  // namespace tfb::test
