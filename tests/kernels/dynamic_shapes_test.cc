// Shape arithmetic computed while the model runs, as in
// unit_dynamic_shapes_float and style_transfer_dynrange_384: values from a
// model input flow through GATHER / STRIDED_SLICE / PACK into the shape,
// size, end and multiples inputs of later ops, whose outputs are therefore
// sized only at run time (the interpreter re-runs their prepare then).
#include "op_test_util.h"

namespace tfb::test {
namespace {

std::vector<uint8_t> dynamic_model() {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, 6, 8});
  int z = w.add_input("z", DType::kI32, {1, 2});
  auto i32 = [&](const std::string& name, Shape s, std::vector<int32_t> v) {
    return w.add_constant(name, DType::kI32, s, v);
  };
  // n = z[0, 1] (a run-time value): GATHER then a shrinking STRIDED_SLICE.
  int zero = i32("zero", {}, {0});
  int row = w.add_tensor("row", DType::kI32, {2});
  w.add_op(tflfb::BuiltinOperator_GATHER, {z, zero}, {row}, tflfb::GatherOptionsT{});
  int n = w.add_tensor("n", DType::kI32, {});
  tflfb::StridedSliceOptionsT shrink;
  shrink.shrink_axis_mask = 1;
  w.add_op(tflfb::BuiltinOperator_STRIDED_SLICE, {row, i32("b1", {1}, {1}), i32("e1", {1}, {2}), i32("s1", {1}, {1})},
           {n}, shrink);
  // y = x[:, :n, :]  with end = PACK(1, n, 8).
  int end = w.add_tensor("end", DType::kI32, {3});
  tflfb::PackOptionsT pack3;
  pack3.values_count = 3;
  w.add_op(tflfb::BuiltinOperator_PACK, {i32("one", {}, {1}), n, i32("eight", {}, {8})}, {end}, pack3);
  int y = w.add_tensor("y", DType::kF32, {});
  w.add_op(tflfb::BuiltinOperator_STRIDED_SLICE, {x, i32("b3", {3}, {0, 0, 0}), end, i32("s3", {3}, {1, 1, 1})}, {y},
           tflfb::StridedSliceOptionsT{});
  // r = RESHAPE(y, [n, 8]) then TILE by [2, 1], then SHAPE of the result.
  int shape2 = w.add_tensor("shape2", DType::kI32, {2});
  tflfb::PackOptionsT pack2;
  pack2.values_count = 2;
  w.add_op(tflfb::BuiltinOperator_PACK, {n, i32("eight2", {}, {8})}, {shape2}, pack2);
  int r = w.add_tensor("r", DType::kF32, {});
  w.add_op(tflfb::BuiltinOperator_RESHAPE, {y, shape2}, {r}, tflfb::ReshapeOptionsT{});
  int t = w.add_tensor("t", DType::kF32, {});
  w.add_op(tflfb::BuiltinOperator_TILE, {r, i32("mult", {2}, {2, 1})}, {t});
  int ts = w.add_tensor("ts", DType::kI32, {2});
  tflfb::ShapeOptionsT shape_opts;
  shape_opts.out_type = tflfb::TensorType_INT32;
  w.add_op(tflfb::BuiltinOperator_SHAPE, {t}, {ts}, shape_opts);
  // Resize an image to the (run-time) size [rows of t, 3]: an output whose
  // stored shape is empty, as in style_transfer_dynrange_384.
  int rows = w.add_tensor("rows", DType::kI32, {});
  w.add_op(tflfb::BuiltinOperator_STRIDED_SLICE, {ts, i32("b4", {1}, {0}), i32("e4", {1}, {1}), i32("s4", {1}, {1})},
           {rows}, shrink);
  int size = w.add_tensor("size", DType::kI32, {2});
  w.add_op(tflfb::BuiltinOperator_PACK, {rows, i32("three", {}, {3})}, {size}, pack2);
  int image = w.add_tensor("image", DType::kF32, {});
  int x4 = w.add_tensor("x4", DType::kF32, {1, 6, 8, 1});
  w.add_op(tflfb::BuiltinOperator_RESHAPE, {x, i32("s4d", {4}, {1, 6, 8, 1})}, {x4}, tflfb::ReshapeOptionsT{});
  w.add_op(tflfb::BuiltinOperator_RESIZE_NEAREST_NEIGHBOR, {x4, size}, {image}, tflfb::ResizeNearestNeighborOptionsT{});
  int mean = w.add_tensor("mean", DType::kF32, {});
  tflfb::ReducerOptionsT keep;
  keep.keep_dims = true;
  w.add_op(tflfb::BuiltinOperator_MEAN, {t, i32("axis", {1}, {0})}, {mean}, keep);
  for (int out : {t, ts, image, mean}) w.add_output(out);
  return w.finish();
}

TEST(DynamicShapes, ShapesFollowRunTimeValues) {
  auto model = dynamic_model();
  NpyArray x = random_of(DType::kF32, {1, 6, 8}, 1);
  for (int rows : {2, 5}) {
    auto out = run_ours(model, {x, array_of(DType::kI32, {1, 2}, {7, static_cast<double>(rows)})});
    ASSERT_EQ(out.size(), 4u);
    EXPECT_EQ(out[0].shape, (std::vector<int64_t>{2 * rows, 8}));
    EXPECT_EQ(values_of(out[1]), (std::vector<double>{2.0 * rows, 8}));
    EXPECT_EQ(out[2].shape, (std::vector<int64_t>{1, 2 * rows, 3, 1}));
    EXPECT_EQ(out[3].shape, (std::vector<int64_t>{1, 8}));
  }
}

TEST(DynamicShapes, BadRunTimeValueIsACleanError) {
  // z[0, 1] = 9 makes end = [1, 9, 8]: clamped to 6 rows, then RESHAPE to [9, 8] fails.
  Status st =
      run_status(dynamic_model(), {random_of(DType::kF32, {1, 6, 8}, 1), array_of(DType::kI32, {1, 2}, {0, 9})});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel) << st.message();
  EXPECT_NE(st.message().find("RESHAPE"), std::string::npos) << st.message();
}

TEST(DynamicShapes, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  EXPECT_TRUE(
      same_as_tflite(dynamic_model(), {random_of(DType::kF32, {1, 6, 8}, 2), array_of(DType::kI32, {1, 2}, {3, 4})}));
}

}  // namespace
}  // namespace tfb::test
