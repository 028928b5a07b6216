#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> slice_model(DType type, Shape in, std::vector<int32_t> begin, std::vector<int32_t> size,
                                 Shape out) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  Shape vs{static_cast<int32_t>(begin.size())};
  int b = w.add_constant("begin", DType::kI32, vs, begin);
  int s = w.add_constant("size", DType::kI32, vs, size);
  int y = w.add_tensor("y", type, out);
  w.add_op(tflfb::BuiltinOperator_SLICE, {x, b, s}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(Slice, TakesBlockWithSizeToEnd) {
  auto out = run_ours(slice_model(DType::kF32, {3, 3}, {1, 1}, {-1, 2}, {2, 2}),
                      {array_of(DType::kF32, {3, 3}, {0, 1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{4, 5, 7, 8}));
}

TEST(Slice, RejectsOutOfRangeBlock) {
  Status st = run_status(slice_model(DType::kF32, {3, 3}, {2, 0}, {2, 1}, {2, 1}), {random_of(DType::kF32, {3, 3}, 1)});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(Slice, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(slice_model(DType::kF32, {4, 10, 6}, {1, 2, 0}, {2, -1, 5}, {2, 8, 5}),
                             {random_of(DType::kF32, {4, 10, 6}, 2)}, true));
}

}  // namespace
}  // namespace tfb::test
