#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> expand_dims_model(DType type, Shape in, int32_t axis, Shape out) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  int a = w.add_constant<int32_t>("axis", DType::kI32, {}, {axis});
  int y = w.add_tensor("y", type, out);
  w.add_op(tflfb::BuiltinOperator_EXPAND_DIMS, {x, a}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(ExpandDims, InsertsUnitDimension) {
  for (auto [axis, shape] :
       {std::pair<int32_t, std::vector<int64_t>>{0, {1, 2, 3}}, {1, {2, 1, 3}}, {-1, {2, 3, 1}}, {-3, {1, 2, 3}}}) {
    Shape out;
    for (int64_t d : shape) out.dim[out.rank++] = static_cast<int32_t>(d);
    auto res = run_ours(expand_dims_model(DType::kF32, {2, 3}, axis, out),
                        {array_of(DType::kF32, {2, 3}, {1, 2, 3, 4, 5, 6})});
    ASSERT_EQ(res.size(), 1u);
    EXPECT_EQ(res[0].shape, shape) << "axis " << axis;
    EXPECT_EQ(values_of(res[0]), (std::vector<double>{1, 2, 3, 4, 5, 6}));
  }
}

TEST(ExpandDims, RejectsOutOfRangeAxis) {
  Status st = run_status(expand_dims_model(DType::kF32, {2, 3}, 3, {2, 3, 1}), {random_of(DType::kF32, {2, 3}, 1)});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(ExpandDims, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(
      same_as_tflite(expand_dims_model(DType::kI8, {3, 4}, 1, {3, 1, 4}), {random_of(DType::kI8, {3, 4}, 2)}, true));
}

}  // namespace
}  // namespace tfb::test
