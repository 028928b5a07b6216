// Builds single-op LSTM models (LSTM or UNIDIRECTIONAL_SEQUENCE_LSTM) with
// every optional feature switchable, float or fully integer (int8 with an
// int16 cell), for the LSTM kernel tests.
#pragma once

#include <cmath>
#include <functional>

#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {

struct LstmCase {
  bool integer = false;
  bool sequence = true;  // UNIDIRECTIONAL_SEQUENCE_LSTM (else LSTM, one step)
  int batches = 1, steps = 3, n_input = 5, n_cell = 4, n_output = 4;
  bool time_major = false, cifg = false, peephole = false, layer_norm = false, projection = false;
  bool projection_bias = false;
  float cell_clip = 0, proj_clip = 0;
  int hidden_zp = 0;
  uint32_t seed = 1;
};

inline Shape lstm_input_shape(const LstmCase& c) {
  if (!c.sequence) return {c.batches, c.n_input};
  return c.time_major ? Shape{c.steps, c.batches, c.n_input} : Shape{c.batches, c.steps, c.n_input};
}

inline std::vector<uint8_t> lstm_model(const LstmCase& c) {
  ModelWriter w;
  uint32_t seed = c.seed * 100;
  const DType act = c.integer ? DType::kI8 : DType::kF32;
  const float in_scale = 0.05f, hidden_scale = 1.0f / 128;
  const Quant in_q = c.integer ? Quant{{in_scale}, {3}} : Quant{};
  // Without projection the output state holds the hidden state itself.
  const Quant hidden_q{{hidden_scale}, {c.hidden_zp}};
  const Quant out_q = !c.integer ? Quant{} : c.projection ? Quant{{0.02f}, {2}} : hidden_q;
  const float out_scale = c.projection ? 0.02f : hidden_scale;

  int input = w.add_input("input", act, lstm_input_shape(c), in_q);
  auto weights = [&](const std::string& name, int rows, int cols, float scale, float input_scale) {
    if (!c.integer) {
      NpyArray a = random_array(DType::kF32, {rows, cols}, ++seed, -0.6, 0.6);
      return w.add_constant_bytes(name, DType::kF32, {rows, cols}, a.data);
    }
    (void)input_scale;
    NpyArray a = random_array(DType::kI8, {rows, cols}, ++seed, -127, 127);
    return w.add_constant_bytes(name, DType::kI8, {rows, cols}, a.data, Quant{{scale}, {0}});
  };
  auto vector = [&](const std::string& name, int n, DType itype, float scale, double lo, double hi) {
    if (!c.integer) {
      NpyArray a = random_array(DType::kF32, {n}, ++seed, lo, hi);
      return w.add_constant_bytes(name, DType::kF32, {n}, a.data);
    }
    NpyArray a = random_array(itype, {n}, ++seed, lo / scale, hi / scale);
    return w.add_constant_bytes(name, itype, {n}, a.data, Quant{{scale}, {0}});
  };
  const char* gate_names[4] = {"input", "forget", "cell", "output"};
  std::vector<int> in(24, -1);
  in[0] = input;
  for (int g = 0; g < 4; ++g) {
    if (g == 0 && c.cifg) continue;
    const float ws = 0.003f + 0.001f * g;
    in[1 + g] = weights(std::string(gate_names[g]) + "_w", c.n_cell, c.n_input, ws, in_scale);
    in[5 + g] = weights(std::string(gate_names[g]) + "_r", c.n_cell, c.n_output, ws, out_scale);
    in[12 + g] = vector(std::string(gate_names[g]) + "_bias", c.n_cell, DType::kI32,
                        c.layer_norm ? 0.0002f : in_scale * ws, -0.5, 0.5);
    if (c.peephole && g != 2) in[9 + (g == 3 ? 2 : g)] = vector(std::string(gate_names[g]) + "_peephole", c.n_cell,
                                                               DType::kI16, 0.0001f, -0.5, 0.5);
    if (c.layer_norm) in[20 + g] = vector(std::string(gate_names[g]) + "_ln", c.n_cell, DType::kI16, 1.0f / 4096, 0.5, 1.5);
  }
  if (c.projection) {
    in[16] = weights("projection_w", c.n_output, c.n_cell, 0.015f, hidden_scale);
    if (c.projection_bias) in[17] = vector("projection_bias", c.n_output, DType::kI32, hidden_scale * 0.015f, -0.3, 0.3);
  }
  in[18] = w.add_tensor("output_state", act, {c.batches, c.n_output}, out_q);
  in[19] = w.add_tensor("cell_state", c.integer ? DType::kI16 : DType::kF32, {c.batches, c.n_cell},
                        c.integer ? Quant{{1.0f / 2048}, {0}} : Quant{});
  w.set_variable(in[18]);
  w.set_variable(in[19]);
  Shape out_shape = lstm_input_shape(c);
  out_shape.dim[out_shape.rank - 1] = c.n_output;
  int out = w.add_tensor("output", act, out_shape, out_q);
  int op;
  if (c.sequence) {
    tflfb::UnidirectionalSequenceLSTMOptionsT o;
    o.fused_activation_function = tflfb::ActivationFunctionType_TANH;
    o.cell_clip = c.cell_clip;
    o.proj_clip = c.proj_clip;
    o.time_major = c.time_major;
    op = w.add_op(tflfb::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, in, {out}, o);
  } else {
    tflfb::LSTMOptionsT o;
    o.fused_activation_function = tflfb::ActivationFunctionType_TANH;
    o.cell_clip = c.cell_clip;
    o.proj_clip = c.proj_clip;
    op = w.add_op(tflfb::BuiltinOperator_LSTM, in, {out}, o);
  }
  if (c.integer) {
    std::vector<int> inter;
    for (int g = 0; g < 4; ++g)
      inter.push_back(w.add_tensor(std::string(gate_names[g]) + "_intermediate", DType::kI16, {0},
                                   c.layer_norm ? Quant{{0.0005f + 0.0001f * g}, {0}} : Quant{}));
    inter.push_back(w.add_tensor("hidden_intermediate", DType::kI8, {0}, hidden_q));
    w.set_intermediates(op, inter);
  }
  w.add_output(out);
  return w.finish();
}

inline NpyArray lstm_input(const LstmCase& c, uint32_t seed) {
  Shape s = lstm_input_shape(c);
  std::vector<int64_t> shape(s.dim, s.dim + s.rank);
  return c.integer ? random_array(DType::kI8, shape, seed, -128, 127) : random_array(DType::kF32, shape, seed);
}

}  // namespace tfb::test
