#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> tile_model(DType type, Shape in, std::vector<int32_t> multiples, Shape out, bool runtime = false) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  Shape ms{static_cast<int32_t>(multiples.size())};
  int m = runtime ? w.add_input("multiples", DType::kI32, ms) : w.add_constant("multiples", DType::kI32, ms, multiples);
  int y = w.add_tensor("y", type, out);
  w.add_op(tflfb::BuiltinOperator_TILE, {x, m}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(Tile, RepeatsEachDimension) {
  auto out = run_ours(tile_model(DType::kF32, {2, 2}, {2, 1}, {4, 2}), {array_of(DType::kF32, {2, 2}, {1, 2, 3, 4})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 3, 4, 1, 2, 3, 4}));
  out = run_ours(tile_model(DType::kF32, {1, 2}, {1, 3}, {1, 6}), {array_of(DType::kF32, {1, 2}, {1, 2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 2, 1, 2, 1, 2}));
}

TEST(Tile, MultiplesAtRunTime) {
  auto model = tile_model(DType::kI32, {2}, {0}, {2}, true);
  auto out = run_ours(model, {array_of(DType::kI32, {2}, {5, 6}), array_of(DType::kI32, {1}, {2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{5, 6, 5, 6}));
  Status st = run_status(model, {array_of(DType::kI32, {2}, {5, 6}), array_of(DType::kI32, {1}, {-1})});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(Tile, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(same_as_tflite(tile_model(DType::kF32, {2, 3, 4}, {2, 1, 3}, {4, 3, 12}),
                             {random_of(DType::kF32, {2, 3, 4}, 2)}, true));
}

}  // namespace
}  // namespace tfb::test
