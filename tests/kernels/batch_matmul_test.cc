#include "kernels/conv_test_util.h"
#include "kernels/reference/batch_matmul.h"
#include "schema/model_writer.h"

namespace tfb::test {
namespace {

struct BmmCase {
  std::vector<int64_t> lhs, rhs, out;
  bool adj_x = false, adj_y = false;
};

std::string shape_name(const std::vector<int64_t>& s) {
  std::string r;
  for (int64_t d : s) r.append(r.empty() ? "" : "x").append(std::to_string(d));
  return r;
}

std::string case_name(const BmmCase& k) {
  return shape_name(k.lhs) + "_by_" + shape_name(k.rhs) + (k.adj_x ? "_adjx" : "") + (k.adj_y ? "_adjy" : "");
}

Shape to_shape(const std::vector<int64_t>& v) {
  Shape s;
  for (int64_t d : v) s.dim[s.rank++] = static_cast<int32_t>(d);
  return s;
}

std::vector<uint8_t> build(const BmmCase& k) {
  ModelWriter w;
  int a = w.add_input("a", DType::kF32, to_shape(k.lhs));
  int b = w.add_input("b", DType::kF32, to_shape(k.rhs));
  int y = w.add_tensor("y", DType::kF32, to_shape(k.out));
  tflfb::BatchMatMulOptionsT o;
  o.adj_x = k.adj_x;
  o.adj_y = k.adj_y;
  w.add_op(tflfb::BuiltinOperator_BATCH_MATMUL, {a, b}, {y}, o);
  w.add_output(y);
  return w.finish();
}

TEST(BatchMatMul, MatchesHandComputedValues) {
  // [[1, 2], [3, 4]] x [[5], [6]] = [[17], [39]], for one batch.
  BmmCase k{{1, 2, 2}, {1, 2, 1}, {1, 2, 1}};
  NpyArray a = empty_like(DType::kF32, k.lhs), b = empty_like(DType::kF32, k.rhs);
  const float av[] = {1, 2, 3, 4}, bv[] = {5, 6};
  std::copy(av, av + 4, data_of<float>(a));
  std::copy(bv, bv + 2, data_of<float>(b));
  std::vector<NpyArray> out;
  ASSERT_TRUE(run_interpreter(build(k), {a, b}, &out).ok());
  EXPECT_FLOAT_EQ(data_of<float>(out[0])[0], 17.f);
  EXPECT_FLOAT_EQ(data_of<float>(out[0])[1], 39.f);
}

class BatchMatMulGrid : public ::testing::TestWithParam<BmmCase> {};

TEST_P(BatchMatMulGrid, MatchesReferenceKernel) {
  const BmmCase& k = GetParam();
  NpyArray a = random_array(DType::kF32, k.lhs, 1), b = random_array(DType::kF32, k.rhs, 2);
  std::vector<NpyArray> ours;
  Status st = run_interpreter(build(k), {a, b}, &ours, 2);
  ASSERT_TRUE(st.ok()) << st.message();
  NpyArray ref = empty_like(DType::kF32, k.out);
  reference::batch_matmul(k.lhs, data_of<float>(a), k.adj_x, k.rhs, data_of<float>(b), k.adj_y, data_of<float>(ref));
  EXPECT_TRUE(floats_close(ours[0], ref));
}

TEST_P(BatchMatMulGrid, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const BmmCase& k = GetParam();
  NpyArray a = random_array(DType::kF32, k.lhs, 1), b = random_array(DType::kF32, k.rhs, 2);
  std::vector<NpyArray> ours, ref;
  auto model = build(k);
  ASSERT_TRUE(run_interpreter(model, {a, b}, &ours).ok());
  Status st = run_tflite_ref(model, {a, b}, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(floats_close(ours[0], ref[0]));
}

INSTANTIATE_TEST_SUITE_P(Shapes, BatchMatMulGrid,
                         ::testing::Values(BmmCase{{3, 4}, {4, 5}, {3, 5}},
                                           BmmCase{{2, 3, 4}, {2, 4, 5}, {2, 3, 5}},
                                           BmmCase{{2, 4, 3}, {2, 4, 5}, {2, 3, 5}, true},
                                           BmmCase{{2, 3, 4}, {2, 5, 4}, {2, 3, 5}, false, true},
                                           BmmCase{{4, 7, 6}, {4, 5, 7}, {4, 6, 5}, true, true},
                                           BmmCase{{3, 1, 2, 4}, {5, 4, 3}, {3, 5, 2, 3}},
                                           BmmCase{{1, 40, 33}, {33, 9}, {1, 40, 9}}),
                         [](const auto& info) { return case_name(info.param); });

TEST(BatchMatMul, RejectsMismatchedInnerDimensions) {
  BmmCase k{{2, 3, 4}, {2, 5, 6}, {2, 3, 6}};
  std::vector<NpyArray> out;
  Status st = run_interpreter(build(k), {random_array(DType::kF32, k.lhs, 1), random_array(DType::kF32, k.rhs, 2)}, &out);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

}  // namespace
}  // namespace tfb::test
