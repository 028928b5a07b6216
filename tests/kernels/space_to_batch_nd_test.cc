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

TEST(SpaceToBatchNd, TilesPaddedSpaceIntoBatches) {
  // [1, 2, 2, 1] padded to [1, 2, 4, 1] (one zero each side of W), blocks 2x2.
  auto out = run_ours(batch_space_model(tflfb::BuiltinOperator_SPACE_TO_BATCH_ND, DType::kF32, {1, 2, 2, 1}, {2, 2},
                                        {0, 0, 1, 1}, {4, 1, 2, 1}),
                      {array_of(DType::kF32, {1, 2, 2, 1}, {1, 2, 3, 4})});
  ASSERT_EQ(out.size(), 1u);
  // Padded rows: [0 1 2 0], [0 3 4 0]; batch (i, j) takes rows i, columns j, j + 2.
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 2, 1, 0, 0, 4, 3, 0}));
}

TEST(SpaceToBatchNd, PadsQuantizedWithZeroPoint) {
  auto out = run_ours(batch_space_model(tflfb::BuiltinOperator_SPACE_TO_BATCH_ND, DType::kI8, {1, 1, 1, 1}, {1, 2},
                                        {0, 0, 0, 1}, {2, 1, 1, 1}, quant(0.5f, -7)),
                      {array_of(DType::kI8, {1, 1, 1, 1}, {5})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{5, -7}));
}

TEST(SpaceToBatchNd, RejectsIndivisiblePaddedSize) {
  auto model = batch_space_model(tflfb::BuiltinOperator_SPACE_TO_BATCH_ND, DType::kF32, {1, 3, 2, 1}, {2, 2},
                                 {0, 0, 0, 0}, {4, 1, 1, 1});
  EXPECT_EQ(run_status(model, {random_of(DType::kF32, {1, 3, 2, 1}, 1)}).kind(), ErrorKind::kInvalidModel);
}

TEST(SpaceToBatchNd, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(batch_space_model(tflfb::BuiltinOperator_SPACE_TO_BATCH_ND, DType::kF32, {2, 5, 4, 3},
                                               {2, 3}, {1, 0, 1, 1}, {12, 3, 2, 3}),
                             {random_of(DType::kF32, {2, 5, 4, 3}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
