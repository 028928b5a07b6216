#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> pad_model(tflfb::BuiltinOperator op, DType type, Shape in, std::vector<int32_t> paddings,
                               Shape out, const Quant& q = {}, bool runtime_paddings = false,
                               const std::vector<uint8_t>& constant_value = {}) {
  ModelWriter w;
  int x = w.add_input("x", type, in, q);
  Shape ps{in.rank, 2};
  int p = runtime_paddings ? w.add_input("paddings", DType::kI32, ps)
                           : w.add_constant("paddings", DType::kI32, ps, paddings);
  std::vector<int> inputs = {x, p};
  if (!constant_value.empty()) inputs.push_back(w.add_constant_bytes("value", type, {}, constant_value, q));
  int y = w.add_tensor("y", type, out, q);
  if (op == tflfb::BuiltinOperator_MIRROR_PAD) {
    tflfb::MirrorPadOptionsT opts;
    opts.mode = tflfb::MirrorPadMode_REFLECT;
    w.add_op(op, inputs, {y}, opts);
  } else {
    w.add_op(op, inputs, {y});
  }
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> mirror_model(tflfb::MirrorPadMode mode, Shape in, std::vector<int32_t> paddings, Shape out) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, in);
  int p = w.add_constant("paddings", DType::kI32, {in.rank, 2}, paddings);
  int y = w.add_tensor("y", DType::kF32, out);
  tflfb::MirrorPadOptionsT opts;
  opts.mode = mode;
  w.add_op(tflfb::BuiltinOperator_MIRROR_PAD, {x, p}, {y}, opts);
  w.add_output(y);
  return w.finish();
}

TEST(Pad, PadsFloatWithZero) {
  auto out = run_ours(pad_model(tflfb::BuiltinOperator_PAD, DType::kF32, {2, 2}, {1, 0, 0, 2}, {3, 4}),
                      {array_of(DType::kF32, {2, 2}, {1, 2, 3, 4})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{3, 4}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 0, 0, 0, 1, 2, 0, 0, 3, 4, 0, 0}));
}

TEST(Pad, PadsQuantizedWithZeroPoint) {
  auto out = run_ours(pad_model(tflfb::BuiltinOperator_PAD, DType::kI8, {1, 2}, {0, 0, 1, 1}, {1, 4}, quant(0.5f, -14)),
                      {array_of(DType::kI8, {1, 2}, {5, -6})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{-14, 5, -6, -14}));
}

TEST(Pad, PadV2UsesConstantValue) {
  const float value = 7.5f;
  std::vector<uint8_t> bytes(reinterpret_cast<const uint8_t*>(&value), reinterpret_cast<const uint8_t*>(&value) + 4);
  auto out =
      run_ours(pad_model(tflfb::BuiltinOperator_PADV2, DType::kF32, {1, 1}, {0, 1, 1, 0}, {2, 2}, {}, false, bytes),
               {array_of(DType::kF32, {1, 1}, {1})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{7.5, 1, 7.5, 7.5}));
}

TEST(Pad, PaddingsComputedAtRunTime) {
  auto model = pad_model(tflfb::BuiltinOperator_PAD, DType::kF32, {1, 2}, {}, {1, 2}, {}, true);
  auto out = run_ours(model, {array_of(DType::kF32, {1, 2}, {1, 2}), array_of(DType::kI32, {2, 2}, {0, 1, 2, 0})});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{2, 4}));
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{0, 0, 1, 2, 0, 0, 0, 0}));
  Status st = run_status(model, {array_of(DType::kF32, {1, 2}, {1, 2}), array_of(DType::kI32, {2, 2}, {0, -1, 0, 0})});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

TEST(MirrorPad, ReflectAndSymmetric) {
  NpyArray x = array_of(DType::kF32, {1, 3}, {1, 2, 3});
  auto out = run_ours(mirror_model(tflfb::MirrorPadMode_REFLECT, {1, 3}, {0, 0, 2, 2}, {1, 7}), {x});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{3, 2, 1, 2, 3, 2, 1}));
  out = run_ours(mirror_model(tflfb::MirrorPadMode_SYMMETRIC, {1, 3}, {0, 0, 2, 3}, {1, 8}), {x});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{2, 1, 1, 2, 3, 3, 2, 1}));
}

TEST(MirrorPad, RejectsPaddingLargerThanInput) {
  NpyArray x = array_of(DType::kF32, {1, 3}, {1, 2, 3});
  Status st = run_status(mirror_model(tflfb::MirrorPadMode_REFLECT, {1, 3}, {0, 0, 3, 0}, {1, 6}), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  st = run_status(mirror_model(tflfb::MirrorPadMode_SYMMETRIC, {1, 3}, {0, 0, 0, 4}, {1, 7}), {x});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
}

struct PadCase {
  tflfb::BuiltinOperator op;
  DType type;
  Shape in;
  std::vector<int32_t> paddings;
  Shape out;
  Quant q;
};

class PadVsTflite : public ::testing::TestWithParam<PadCase> {};

TEST_P(PadVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const PadCase& c = GetParam();
  std::vector<int64_t> dims(c.in.dim, c.in.dim + c.in.rank);
  EXPECT_TRUE(
      same_as_tflite(pad_model(c.op, c.type, c.in, c.paddings, c.out, c.q), {random_of(c.type, dims, 9)}, true));
}

INSTANTIATE_TEST_SUITE_P(
    Grid, PadVsTflite,
    ::testing::Values(
        PadCase{tflfb::BuiltinOperator_PAD, DType::kF32, {1, 5, 6, 3}, {0, 0, 1, 2, 2, 1, 0, 0}, {1, 8, 9, 3}, {}},
        PadCase{tflfb::BuiltinOperator_PAD,
                DType::kI8,
                {1, 4, 4, 2},
                {0, 0, 1, 1, 1, 1, 0, 1},
                {1, 6, 6, 3},
                quant(0.1f, -14)},
        PadCase{tflfb::BuiltinOperator_PAD, DType::kU8, {2, 3, 4}, {1, 0, 0, 2, 3, 0}, {3, 5, 7}, quant(0.02f, 128)},
        PadCase{tflfb::BuiltinOperator_MIRROR_PAD,
                DType::kF32,
                {1, 6, 5, 2},
                {0, 0, 2, 3, 4, 1, 0, 0},
                {1, 11, 10, 2},
                {}}));

}  // namespace
}  // namespace tfb::test
