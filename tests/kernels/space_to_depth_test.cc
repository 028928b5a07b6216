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

TEST(SpaceToDepth, InvertsDepthToSpace) {
  NpyArray x = random_of(DType::kI8, {1, 4, 6, 3}, 2);
  auto packed =
      run_ours(block_model(tflfb::BuiltinOperator_SPACE_TO_DEPTH, DType::kI8, {1, 4, 6, 3}, 2, {1, 2, 3, 12}), {x});
  ASSERT_EQ(packed.size(), 1u);
  auto back =
      run_ours(block_model(tflfb::BuiltinOperator_DEPTH_TO_SPACE, DType::kI8, {1, 2, 3, 12}, 2, {1, 4, 6, 3}), packed);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].data, x.data);
}

TEST(SpaceToDepth, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(
      same_as_tflite(block_model(tflfb::BuiltinOperator_SPACE_TO_DEPTH, DType::kF32, {1, 6, 9, 2}, 3, {1, 2, 3, 18}),
                     {random_of(DType::kF32, {1, 6, 9, 2}, 1)}, true));
}

}  // namespace
}  // namespace tfb::test
