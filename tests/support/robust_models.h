// Models for robustness tests: ones that run as long as asked (a counting
// WHILE loop, a large convolution) and ones that break the limits.
#pragma once

#include "schema/model_writer.h"

namespace tfb::test {

// out = n after counting i from 0 to n (int32 [1] input n) in a WHILE loop
// of LESS and ADD: the run time grows with the input value.
inline std::vector<uint8_t> counting_loop_model() {
  ModelWriter w;
  const int cond_index = 1, body_index = 2;
  int n = w.add_input("n", DType::kI32, {1});
  int zero = w.add_constant<int32_t>("zero", DType::kI32, {1}, {0});
  int i_out = w.add_tensor("i_out", DType::kI32, {1});
  int n_out = w.add_tensor("n_out", DType::kI32, {1});
  tflfb::WhileOptionsT opts;
  opts.cond_subgraph_index = cond_index;
  opts.body_subgraph_index = body_index;
  w.add_op(tflfb::BuiltinOperator_WHILE, {zero, n}, {i_out, n_out}, opts);
  w.add_output(i_out);

  w.add_subgraph("cond");
  int ci = w.add_input("i", DType::kI32, {1});
  int cn = w.add_input("n", DType::kI32, {1});
  int less = w.add_tensor("less", DType::kBool, {1});
  w.add_op(tflfb::BuiltinOperator_LESS, {ci, cn}, {less});
  w.add_output(less);

  w.add_subgraph("body");
  int bi = w.add_input("i", DType::kI32, {1});
  int bn = w.add_input("n", DType::kI32, {1});
  int one = w.add_constant<int32_t>("one", DType::kI32, {1}, {1});
  int next = w.add_tensor("next", DType::kI32, {1});
  w.add_op(tflfb::BuiltinOperator_ADD, {bi, one}, {next}, tflfb::AddOptionsT());
  w.add_output(next);
  w.add_output(bn);
  return w.finish();
}

// One 3x3 CONV_2D of `size` x `size` x `channels` floats to as many
// channels: about 9 * size^2 * channels^2 multiply-adds in a single op.
inline std::vector<uint8_t> big_conv_model(int size, int channels) {
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, size, size, channels});
  std::vector<float> weights(static_cast<size_t>(9) * channels * channels, 0.01f);
  int f = w.add_constant<float>("filter", DType::kF32, {channels, 3, 3, channels}, weights);
  int b = w.add_constant<float>("bias", DType::kF32, {channels}, std::vector<float>(channels, 0.f));
  int y = w.add_tensor("y", DType::kF32, {1, size, size, channels});
  tflfb::Conv2DOptionsT o;
  o.padding = tflfb::Padding_SAME;
  o.stride_h = o.stride_w = 1;
  w.add_op(tflfb::BuiltinOperator_CONV_2D, {x, f, b}, {y}, o);
  w.add_output(y);
  return w.finish();
}

// One BATCH_MATMUL of two [1, n, n] float inputs: n^3 multiply-adds in a
// single op that does not poll for a stop.
inline std::vector<uint8_t> big_matmul_model(int n) {
  ModelWriter w;
  int a = w.add_input("a", DType::kF32, {1, n, n});
  int b = w.add_input("b", DType::kF32, {1, n, n});
  int y = w.add_tensor("y", DType::kF32, {1, n, n});
  w.add_op(tflfb::BuiltinOperator_BATCH_MATMUL, {a, b}, {y}, tflfb::BatchMatMulOptionsT());
  w.add_output(y);
  return w.finish();
}

}  // namespace tfb::test
