#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> batch_space_model(tflfb::BuiltinOperator op, DType type, Shape in, std::vector<int32_t> block,
                                       std::vector<int32_t> pads, Shape out, const Quant& q = {}) {
  ModelWriter w;
  int x = w.add_input("x", type, in, q);
  const int32_t m = static_cast<int32_t>(block.size());
  int b = w.add_constant("block", DType::kI32, {m}, block);
  int p = w.add_constant("pads", DType::kI32, {m, 2}, pads);
  int y = w.add_tensor("y", type, out, q);
  w.add_op(op, {x, b, p}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(BatchToSpaceNd, InvertsSpaceToBatch) {
  NpyArray x = random_of(DType::kF32, {2, 5, 4, 3}, 2);
  auto batched = run_ours(batch_space_model(tflfb::BuiltinOperator_SPACE_TO_BATCH_ND, DType::kF32, {2, 5, 4, 3}, {2, 3},
                                            {1, 0, 1, 1}, {12, 3, 2, 3}),
                          {x});
  ASSERT_EQ(batched.size(), 1u);
  auto back = run_ours(batch_space_model(tflfb::BuiltinOperator_BATCH_TO_SPACE_ND, DType::kF32, {12, 3, 2, 3}, {2, 3},
                                         {1, 0, 1, 1}, {2, 5, 4, 3}),
                       batched);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].shape, x.shape);
  EXPECT_EQ(back[0].data, x.data);
}

TEST(BatchToSpaceNd, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(batch_space_model(tflfb::BuiltinOperator_BATCH_TO_SPACE_ND, DType::kF32, {8, 3, 2, 5},
                                               {2, 2}, {1, 0, 0, 1}, {2, 5, 3, 5}),
                             {random_of(DType::kF32, {8, 3, 2, 5}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
