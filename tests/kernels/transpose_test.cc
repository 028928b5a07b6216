#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> transpose_model(DType type, Shape in, std::vector<int32_t> perm, Shape out,
                                     bool runtime_perm = false) {
  ModelWriter w;
  int x = w.add_input("x", type, in);
  Shape ps{static_cast<int32_t>(perm.size())};
  int p = runtime_perm ? w.add_input("perm", DType::kI32, ps) : w.add_constant("perm", DType::kI32, ps, perm);
  int y = w.add_tensor("y", type, out);
  w.add_op(tflfb::BuiltinOperator_TRANSPOSE, {x, p}, {y});
  w.add_output(y);
  return w.finish();
}

TEST(Transpose, SwapsAxes) {
  auto out = run_ours(transpose_model(DType::kF32, {2, 3}, {1, 0}, {3, 2}),
                      {array_of(DType::kF32, {2, 3}, {1, 2, 3, 4, 5, 6})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 4, 2, 5, 3, 6}));
}

TEST(Transpose, PermutationAtRunTime) {
  auto model = transpose_model(DType::kI8, {1, 2, 3}, {0, 0, 0}, {1, 2, 3}, true);
  NpyArray x = array_of(DType::kI8, {1, 2, 3}, {1, 2, 3, 4, 5, 6});
  auto out = run_ours(model, {x, array_of(DType::kI32, {3}, {2, 0, 1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 1, 2}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 4, 2, 5, 3, 6}));
  Status st = run_status(model, {x, array_of(DType::kI32, {3}, {0, 0, 1})});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

struct TransposeCase {
  DType type;
  Shape in;
  std::vector<int32_t> perm;
  Shape out;
};

class TransposeVsTflite : public ::testing::TestWithParam<TransposeCase> {};

TEST_P(TransposeVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const TransposeCase& c = GetParam();
  EXPECT_TRUE(same_as_tflite(transpose_model(c.type, c.in, c.perm, c.out),
                             {random_of(c.type, std::vector<int64_t>(c.in.dim, c.in.dim + c.in.rank), 3)}, true));
}

INSTANTIATE_TEST_SUITE_P(Grid, TransposeVsTflite,
                         ::testing::Values(TransposeCase{DType::kF32, {1, 3, 8, 8}, {0, 2, 3, 1}, {1, 8, 8, 3}},
                                           TransposeCase{DType::kI8, {2, 3, 4, 5}, {3, 1, 0, 2}, {5, 3, 2, 4}},
                                           TransposeCase{
                                               DType::kF32, {2, 3, 2, 3, 2}, {4, 3, 2, 1, 0}, {2, 3, 2, 3, 2}}));

}  // namespace
}  // namespace tfb::test
