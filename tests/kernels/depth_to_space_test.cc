#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> block_model(tflfb::BuiltinOperator op, DType type, Shape in, int bs, Shape out) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  int y = w.add_tensor("y", type, out);
  if (op == tflfb::BuiltinOperator_DEPTH_TO_SPACE) {
    tflfb::DepthToSpaceOptionsT o;
    o.block_size = bs;
    w.add_op(op, {x}, {y}, o);
  } else {
    tflfb::SpaceToDepthOptionsT o;
    o.block_size = bs;
    w.add_op(op, {x}, {y}, o);
  }
  w.add_output(y);
  return w.finish();
}

TEST(DepthToSpace, MovesChannelsIntoTiles) {
  auto out = run_ours(block_model(tflfb::BuiltinOperator_DEPTH_TO_SPACE, DType::kF32, {1, 1, 1, 4}, 2, {1, 2, 2, 1}),
                      {array_of(DType::kF32, {1, 1, 1, 4}, {1, 2, 3, 4})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 3, 4}));
  out = run_ours(block_model(tflfb::BuiltinOperator_DEPTH_TO_SPACE, DType::kF32, {1, 1, 2, 4}, 2, {1, 2, 4, 1}),
                 {array_of(DType::kF32, {1, 1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 5, 6, 3, 4, 7, 8}));
}

TEST(DepthToSpace, RejectsIndivisibleDepth) {
  auto model = block_model(tflfb::BuiltinOperator_DEPTH_TO_SPACE, DType::kF32, {1, 1, 1, 6}, 2, {1, 2, 2, 1});
  EXPECT_EQ(run_status(model, {random_of(DType::kF32, {1, 1, 1, 6}, 1)}).kind(), ErrorKind::kInvalidModel);
}

TEST(DepthToSpace, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(
      same_as_tflite(block_model(tflfb::BuiltinOperator_DEPTH_TO_SPACE, DType::kF32, {2, 3, 4, 12}, 2, {2, 6, 8, 3}),
                     {random_of(DType::kF32, {2, 3, 4, 12}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
