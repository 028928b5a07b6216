// Malformed or unsupported single-op models fail at load with a clear
// Status naming the problem; none crashes.
#include "op_grid.h"

namespace tfb::test {
namespace {

struct BadModel {
  const char* what;
  std::vector<uint8_t> (*build)();
  const char* message_part;
};

Status load(const std::vector<uint8_t>& model) {
  std::unique_ptr<Interpreter> interp;
  return Interpreter::create(model, InterpreterOptions{}, &interp);
}

std::vector<uint8_t> softmax_without_output_quant() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kI8, {1, 4}, quant(0.1f, 0));
  const int y = w.add_tensor("y", DType::kI8, {1, 4});
  w.add_op(tflfb::BuiltinOperator_SOFTMAX, {x}, {y}, tflfb::SoftmaxOptionsT{});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> pool_on_rank3() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kF32, {4, 4, 1});
  const int y = w.add_tensor("y", DType::kF32, {2, 2, 1});
  tflfb::Pool2DOptionsT o;
  o.filter_height = o.filter_width = o.stride_h = o.stride_w = 2;
  w.add_op(tflfb::BuiltinOperator_AVERAGE_POOL_2D, {x}, {y}, o);
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> pool_without_options() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kF32, {1, 4, 4, 1});
  const int y = w.add_tensor("y", DType::kF32, {1, 2, 2, 1});
  w.add_op(tflfb::BuiltinOperator_MAX_POOL_2D, {x}, {y});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> dequantize_scale_count_mismatch() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kI8, {2, 3}, Quant{{0.1f, 0.2f}, {0, 0}, 1});
  const int y = w.add_tensor("y", DType::kF32, {2, 3});
  w.add_op(tflfb::BuiltinOperator_DEQUANTIZE, {x}, {y});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> quantize_float_to_float() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kF32, {3});
  const int y = w.add_tensor("y", DType::kF32, {3});
  w.add_op(tflfb::BuiltinOperator_QUANTIZE, {x}, {y});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> select_with_float_condition() {
  ModelWriter w;
  const int c = w.add_input("c", DType::kF32, {3});
  const int x = w.add_input("x", DType::kF32, {3});
  const int y = w.add_tensor("y", DType::kF32, {3});
  w.add_op(tflfb::BuiltinOperator_SELECT_V2, {c, x, x}, {y});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> logistic_int16() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kI16, {3}, quant(0.001f, 0));
  const int y = w.add_tensor("y", DType::kI16, {3}, quant(1.f / 32768, 0));
  w.add_op(tflfb::BuiltinOperator_LOGISTIC, {x}, {y});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> add_with_one_input() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kF32, {3});
  const int y = w.add_tensor("y", DType::kF32, {3});
  w.add_op(tflfb::BuiltinOperator_ADD, {x}, {y}, tflfb::AddOptionsT{});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> mul_int8_with_zero_scale() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kI8, {3}, quant(0.f, 0));
  const int y = w.add_tensor("y", DType::kI8, {3}, quant(0.1f, 0));
  w.add_op(tflfb::BuiltinOperator_MUL, {x, x}, {y}, tflfb::MulOptionsT{});
  w.add_output(y);
  return w.finish();
}

std::vector<uint8_t> add_with_unfusable_activation() {
  ModelWriter w;
  const int x = w.add_input("x", DType::kF32, {3});
  const int y = w.add_tensor("y", DType::kF32, {3});
  tflfb::AddOptionsT o;
  o.fused_activation_function = tflfb::ActivationFunctionType_TANH;
  w.add_op(tflfb::BuiltinOperator_ADD, {x, x}, {y}, o);
  w.add_output(y);
  return w.finish();
}

const BadModel kBadModels[] = {
    {"softmax int8 output without quantization", softmax_without_output_quant, "output"},
    {"pooling a rank-3 input", pool_on_rank3, "4-D"},
    {"pooling without options", pool_without_options, "Pool2DOptions"},
    {"per-channel scales that do not match the axis", dequantize_scale_count_mismatch, "scales"},
    {"QUANTIZE float to float", quantize_float_to_float, "QUANTIZE from float32 to float32"},
    {"SELECT_V2 with a float condition", select_with_float_condition, "condition"},
    {"int16 LOGISTIC", logistic_int16, "LOGISTIC on int16"},
    {"ADD with one input", add_with_one_input, "input"},
    {"MUL with a zero scale", mul_int8_with_zero_scale, "scale"},
    {"ADD with a fused TANH", add_with_unfusable_activation, "TANH"},
};

class ElementwiseErrors : public ::testing::TestWithParam<BadModel> {};

TEST_P(ElementwiseErrors, FailsAtLoadWithAClearMessage) {
  const BadModel& m = GetParam();
  Status st = load(m.build());
  ASSERT_FALSE(st.ok()) << m.what;
  EXPECT_NE(st.message().find(m.message_part), std::string::npos) << m.what << ": " << st.message();
}

INSTANTIATE_TEST_SUITE_P(Models, ElementwiseErrors, ::testing::ValuesIn(kBadModels));

}  // namespace
}  // namespace tfb::test
