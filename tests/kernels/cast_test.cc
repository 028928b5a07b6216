// CAST: hand-computed conversions (truncation, saturation, bool) and the
// real TFLite on the conversions the models use.
#include <cmath>
#include <limits>

#include "op_grid.h"

namespace tfb::test {
namespace {

TEST(Cast, ByHand) {
  OpGrid g;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const int f = g.input("f", array_of<float>(DType::kF32, {5}, {1.9f, -1.9f, 3e10f, -3e10f, nan}));
  g.writer().add_op(tflfb::BuiltinOperator_CAST, {f}, {g.output("f->i32", DType::kI32, {5})});
  g.writer().add_op(tflfb::BuiltinOperator_CAST, {f}, {g.output("f->bool", DType::kBool, {5})});
  const int u = g.input("u", array_of<uint8_t>(DType::kU8, {2}, {0, 255}));
  g.writer().add_op(tflfb::BuiltinOperator_CAST, {u}, {g.output("u8->f", DType::kF32, {2})});
  g.writer().add_op(tflfb::BuiltinOperator_CAST, {u}, {g.output("u8->i8", DType::kI8, {2})});
  const int b = g.input("b", array_of<uint8_t>(DType::kBool, {2}, {1, 0}));
  g.writer().add_op(tflfb::BuiltinOperator_CAST, {b}, {g.output("bool->i64", DType::kI64, {2})});
  const auto out = g.run();
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(values_of(out[0]), (std::vector<double>{1, -1, INT32_MAX, INT32_MIN, 0}));
  EXPECT_EQ(values_of(out[1]), (std::vector<double>{1, 1, 1, 1, 1}));
  EXPECT_EQ(values_of(out[2]), (std::vector<double>{0, 255}));
  EXPECT_EQ(values_of(out[3]), (std::vector<double>{0, -1}));
  EXPECT_EQ(values_of(out[4]), (std::vector<double>{1, 0}));
}

TEST(CastVsTflite, GridMatches) {
  TFB_REQUIRE_TFLITE_REF();
  OpGrid g;
  const std::tuple<DType, DType, double, double> cases[] = {
      {DType::kF32, DType::kI32, -1000, 1000}, {DType::kI32, DType::kF32, -100000, 100000},
      {DType::kU8, DType::kF32, 0, 255},       {DType::kF32, DType::kU8, 0, 255},
      {DType::kI8, DType::kI32, -128, 127},    {DType::kBool, DType::kF32, 0, 1},
      {DType::kI32, DType::kBool, -2, 2},      {DType::kI16, DType::kF32, -32768, 32767},
  };
  uint32_t seed = 700;
  for (const auto& [from, to, lo, hi] : cases) {
    const int x = g.input("x", random_array(from, {4, 9}, seed++, lo, hi));
    g.writer().add_op(tflfb::BuiltinOperator_CAST, {x},
                      {g.output(std::string("CAST ") + dtype_name(from) + "->" + dtype_name(to), to, {4, 9})});
  }
  g.expect_matches_tflite();
}

}  // namespace
}  // namespace tfb::test
