#include "op_test_util.h"

namespace tfb::test {
namespace {

struct SliceSpec {
  std::vector<int32_t> begin, end, strides;
  int begin_mask = 0, end_mask = 0, ellipsis_mask = 0, new_axis_mask = 0, shrink_mask = 0;
  bool offset = false;
  Shape out;  // expected output shape
};

// One STRIDED_SLICE per spec, all reading the same input x; one output each.
std::vector<uint8_t> slices_model(DType type, Shape in, const std::vector<SliceSpec>& specs, const Quant& q = {}) {
  ModelWriter w;
  int x = w.add_input("x", type, in, q);
  for (size_t i = 0; i < specs.size(); ++i) {
    const SliceSpec& s = specs[i];
    Shape vs{static_cast<int32_t>(s.begin.size())};
    int b = w.add_constant("begin" + std::to_string(i), DType::kI32, vs, s.begin);
    int e = w.add_constant("end" + std::to_string(i), DType::kI32, vs, s.end);
    int st = w.add_constant("strides" + std::to_string(i), DType::kI32, vs, s.strides);
    int y = w.add_tensor("y" + std::to_string(i), type, s.out, q);
    tflfb::StridedSliceOptionsT o;
    o.begin_mask = s.begin_mask;
    o.end_mask = s.end_mask;
    o.ellipsis_mask = s.ellipsis_mask;
    o.new_axis_mask = s.new_axis_mask;
    o.shrink_axis_mask = s.shrink_mask;
    o.offset = s.offset;
    w.add_op(tflfb::BuiltinOperator_STRIDED_SLICE, {x, b, e, st}, {y}, o, s.offset ? 8 : 1);
    w.add_output(y);
  }
  return w.finish();
}

std::vector<double> iota(int n) {
  std::vector<double> v(n);
  for (int i = 0; i < n; ++i) v[i] = i;
  return v;
}

TEST(StridedSlice, HandComputedCases) {
  // x = 0..23 as [2, 3, 4].
  std::vector<SliceSpec> specs = {
      {{0, 1, 0}, {2, 3, 4}, {1, 1, 2}, 0, 0, 0, 0, 0, false, {2, 2, 2}},  // x[:, 1:, ::2]
      {{1, 0, -1}, {0, 0, 0}, {1, 1, -1}, 0, 6, 0, 0, 1, false, {3, 4}},   // x[1, :, ::-1]
      {{0, 2}, {0, 3}, {1, 1}, 0, 0, 1, 0, 2, false, {2, 3}},              // x[..., 2]
      {{0, 0}, {1, 0}, {1, 1}, 2, 2, 0, 2, 0, false, {1, 1, 3, 4}},        // x[0:1, newaxis]
      {{1, 1, 1}, {1, 2, 2}, {1, 1, 1}, 0, 0, 0, 0, 0, true, {1, 2, 2}},   // offset: x[1:2, 1:3, 1:3]
  };
  auto out = run_ours(slices_model(DType::kF32, {2, 3, 4}, specs), {array_of(DType::kF32, {2, 3, 4}, iota(24))});
  ASSERT_EQ(out.size(), specs.size());
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{4, 6, 8, 10, 16, 18, 20, 22}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{15, 14, 13, 12, 19, 18, 17, 16, 23, 22, 21, 20}));
  EXPECT_EQ(values_of(out[2]), (std::vector<double>{2, 6, 10, 14, 18, 22}));
  EXPECT_EQ(out[3].shape, (std::vector<int64_t>{1, 1, 3, 4}));
  EXPECT_EQ(values_of(out[3]), iota(12));
  EXPECT_EQ(values_of(out[4]), (std::vector<double>{17, 18, 21, 22}));
}

TEST(StridedSlice, ValuesComputedAtRunTime) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {6});
  int b = w.add_input("begin", DType::kI32, {1});
  int e = w.add_constant<int32_t>("end", DType::kI32, {1}, {6});
  int st = w.add_constant<int32_t>("strides", DType::kI32, {1}, {2});
  int y = w.add_tensor("y", DType::kF32, {3});
  w.add_op(tflfb::BuiltinOperator_STRIDED_SLICE, {x, b, e, st}, {y}, tflfb::StridedSliceOptionsT{});
  w.add_output(y);
  auto model = w.finish();
  NpyArray xs = array_of(DType::kF32, {6}, iota(6));
  auto out = run_ours(model, {xs, array_of(DType::kI32, {1}, {1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, 3, 5}));
  out = run_ours(model, {xs, array_of(DType::kI32, {1}, {-2})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{4}));
}

TEST(StridedSlice, RejectsZeroStrideAndOutOfRangeShrink) {
  NpyArray x = array_of(DType::kF32, {2, 3, 4}, iota(24));
  Status st = run_status(slices_model(DType::kF32, {2, 3, 4}, {{{0}, {1}, {0}, 0, 0, 0, 0, 0, false, {1, 3, 4}}}), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  st = run_status(slices_model(DType::kF32, {2, 3, 4}, {{{5}, {6}, {1}, 0, 0, 0, 0, 1, false, {3, 4}}}), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(StridedSlice, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  // [2, 5, 6, 3] input, several mask combinations in one model.
  std::vector<SliceSpec> specs = {
      {{0, 1, 0, 0}, {2, 5, 6, 3}, {1, 2, 3, 1}, 0, 0, 0, 0, 0, false, {2, 2, 2, 3}},
      {{1, -1, -2, 0}, {0, -6, 0, 2}, {1, -2, -1, 1}, 0, 4, 0, 0, 1, false, {3, 5, 2}},
      {{0, 1}, {0, 3}, {1, 1}, 1, 1, 0, 0, 0, false, {2, 2, 6, 3}},
      {{-3, 0, 0, 1}, {100, 4, 6, -1}, {1, 3, 5, 1}, 0, 0, 0, 0, 0, false, {2, 2, 2, 1}},
      {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 1, 1, 1}, 15, 15, 0, 0, 0, false, {2, 5, 6, 3}},
  };
  for (DType type : {DType::kF32, DType::kI8, DType::kI32}) {
    EXPECT_TRUE(same_as_tflite(slices_model(type, {2, 5, 6, 3}, specs, type == DType::kI8 ? quant(0.1f, 2) : Quant{}),
                               {random_of(type, {2, 5, 6, 3}, 5)}, true))
        << dtype_name(type);
  }
}

TEST(StridedSlice, EllipsisAndNewAxisMatchTflite) {
  TFB_REQUIRE_TFLITE_REF();
  std::vector<SliceSpec> specs = {
      {{0, 1}, {0, 3}, {1, 1}, 0, 0, 1, 0, 0, false, {2, 5, 6, 2}},              // x[..., 1:3]
      {{0, 0, 2}, {0, 0, 4}, {1, 1, 1}, 0, 0, 0, 2, 0, false, {2, 1, 2, 6, 3}},  // x[:, newaxis, 2:4]
      {{1, 0, 0}, {2, 0, 0}, {1, 1, 1}, 0, 0, 2, 4, 1, false, {5, 6, 3, 1}},     // x[1, ..., newaxis]
  };
  EXPECT_TRUE(
      same_as_tflite(slices_model(DType::kF32, {2, 5, 6, 3}, specs), {random_of(DType::kF32, {2, 5, 6, 3}, 6)}, true));
}

}  // namespace
}  // namespace tfb::test
