// One LSTM time step, shared by LSTM (one step) and
// UNIDIRECTIONAL_SEQUENCE_LSTM (a step per time index). Follows TFLite's
// float and 8x8->16 integer LSTM: optional CIFG (input gate = 1 - forget
// gate), peephole connections, layer normalization and a projection.
//
//   i = sigmoid(W_i x + R_i h + p_i . c + b_i)     (not with CIFG)
//   f = sigmoid(W_f x + R_f h + p_f . c + b_f)
//   g = act(W_c x + R_c h + b_c)                   (tanh in integer mode)
//   c = clip(f . c + i . g)
//   o = sigmoid(W_o x + R_o h + p_o . c + b_o)      (with the new c)
//   h = clip(P (o . act(c)) + b_p)   or  o . act(c) without projection
//
// With layer norm the bias is added after normalizing: gate = ln(...) * w + b.
// Integer mode: int8 activations and weights, int16 cell state (scale 2^-k),
// gate pre-activations in Q3.12, gates in Q0.15.
#pragma once

#include <vector>

#include "interpreter/context.h"
#include "kernels/quant_util.h"

namespace tfb {

// Input indices shared by both LSTM ops.
enum LstmInput : int {
  kLstmInput = 0,
  kLstmInputToInputWeights, kLstmInputToForgetWeights, kLstmInputToCellWeights, kLstmInputToOutputWeights,
  kLstmRecurrentToInputWeights, kLstmRecurrentToForgetWeights, kLstmRecurrentToCellWeights,
  kLstmRecurrentToOutputWeights,
  kLstmCellToInputWeights, kLstmCellToForgetWeights, kLstmCellToOutputWeights,
  kLstmInputGateBias, kLstmForgetGateBias, kLstmCellGateBias, kLstmOutputGateBias,
  kLstmProjectionWeights, kLstmProjectionBias,
  kLstmOutputState, kLstmCellState,
  kLstmInputLayerNorm, kLstmForgetLayerNorm, kLstmCellLayerNorm, kLstmOutputLayerNorm,
  kLstmNumInputs,
};

struct LstmOptions {
  tflfb::ActivationFunctionType activation = tflfb::ActivationFunctionType_TANH;
  float cell_clip = 0, proj_clip = 0;
};

// Everything one step needs that does not change between runs.
struct LstmCell {
  int n_batch = 0, n_input = 0, n_cell = 0, n_output = 0;
  bool cifg = false, peephole = false, layer_norm = false, projection = false;
  bool integer = false;
  LstmOptions options;

  // Integer mode only.
  struct Gate {
    QuantizedMultiplier input, recurrent, cell, layer_norm;
    std::vector<int32_t> input_bias, recurrent_bias;  // bias + zero point x weight row sums
    int32_t variance_guard = 1;
  };
  Gate gates[4];  // input, forget, cell, output
  QuantizedMultiplier hidden, projection_scale;
  std::vector<int32_t> projection_bias;
  int32_t hidden_zp = 0, output_state_zp = 0;
  int cell_scale_log2 = 0;  // cell state scale = 2^cell_scale_log2
  int16_t cell_clip = 0;
  int8_t proj_clip = 0;

  int scratch = -1;  // one scratch buffer holding all per-step temporaries
};

// The node's input and output counts and its required inputs: checked before
// anything reads input 0 (whose shape gives prepare_lstm_cell's sizes).
Status check_lstm_arity(const Context& ctx, const Node& n);

// Validates the node's weights and states for `n_batch` x `n_input` steps
// (after check_lstm_arity) and fills `cell` (quantization parameters in
// integer mode). Requests the step scratch buffer.
Status prepare_lstm_cell(Context& ctx, Node& n, int n_batch, int n_input, const LstmOptions& options,
                         LstmCell* cell);

// One step over `batches` rows (<= cell.n_batch): input rows of n_input,
// output and output state rows of n_output, cell state rows of n_cell,
// starting at `batch` within the state tensors.
void lstm_step(Context& ctx, const Node& n, const LstmCell& cell, const void* input, int batch, int batches,
               void* output);

}  // namespace tfb
