#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> squeeze_model(DType type, Shape in, std::vector<int32_t> dims, Shape out) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  int y = w.add_tensor("y", type, out);
  tflfb::SqueezeOptionsT opts;
  opts.squeeze_dims = dims;
  w.add_op(tflfb::BuiltinOperator_SQUEEZE, {x}, {y}, opts);
  w.add_output(y);
  return w.finish();
}

TEST(Squeeze, DropsAllUnitDimensionsByDefault) {
  auto out = run_ours(squeeze_model(DType::kF32, {1, 3, 1, 2}, {}, {3, 2}),
                      {array_of(DType::kF32, {1, 3, 1, 2}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 3, 4, 5, 6}));
}

TEST(Squeeze, DropsOnlyListedDimensionsNegativeAndRepeated) {
  auto out = run_ours(squeeze_model(DType::kI8, {1, 1, 1, 2}, {-2, 2, 0}, {1, 2}),
                      {array_of(DType::kI8, {1, 1, 1, 2}, {-7, 9})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{1, 2}));
}

TEST(Squeeze, RejectsNonUnitOrOutOfRangeDimension) {
  NpyArray x = random_of(DType::kF32, {1, 3}, 1);
  Status st = run_status(squeeze_model(DType::kF32, {1, 3}, {1}, {1}), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  st = run_status(squeeze_model(DType::kF32, {1, 3}, {2}, {3}), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(Squeeze, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  auto model = squeeze_model(DType::kF32, {1, 1, 1, 1001}, {1, 2}, {1, 1001});
  EXPECT_TRUE(same_as_tflite(model, {random_of(DType::kF32, {1, 1, 1, 1001}, 4)}, true));
}

}  // namespace
}  // namespace tfb::test
