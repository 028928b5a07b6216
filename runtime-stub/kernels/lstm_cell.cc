#include "kernels/lstm_cell.h"

#include <Eigen/Core>
#include <cmath>

#include "kernels/fixed_point.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

enum GateIndex { kInputGate = 0, kForgetGate, kCellGate, kOutputGate };

// Per gate: its input weights, recurrent weights, peephole weights, bias and
// layer norm coefficients (the last three may be absent).
constexpr int kGateInputs[4][5] = {
    {kLstmInputToInputWeights, kLstmRecurrentToInputWeights, kLstmCellToInputWeights, kLstmInputGateBias,
     kLstmInputLayerNorm},
    {kLstmInputToForgetWeights, kLstmRecurrentToForgetWeights, kLstmCellToForgetWeights, kLstmForgetGateBias,
     kLstmForgetLayerNorm},
    {kLstmInputToCellWeights, kLstmRecurrentToCellWeights, -1, kLstmCellGateBias, kLstmCellLayerNorm},
    {kLstmInputToOutputWeights, kLstmRecurrentToOutputWeights, kLstmCellToOutputWeights, kLstmOutputGateBias,
     kLstmOutputLayerNorm},
};

const char* const kGateNames[4] = {"input", "forget", "cell", "output"};

std::string name_of(const Tensor& t) { return std::string(t.name); }

Status check_dims(const Tensor* t, const char* what, std::initializer_list<int> dims) {
  if (!t) return OkStatus();
  Shape want;
  for (int d : dims) want.dim[want.rank++] = d;
  TFB_REQUIRE(t->shape == want, "%s '%s' is %s, expected %s", what, name_of(*t).c_str(), t->shape.str().c_str(),
              want.str().c_str());
  return OkStatus();
}

// Scale and zero point of a per-tensor quantized tensor.
Status per_tensor(const Tensor& t, const char* what, bool symmetric) {
  TFB_REQUIRE(!t.quant.empty(), "%s '%s' has no quantization", what, name_of(t).c_str());
  TFB_SUPPORTED(!t.quant.per_channel(), "%s '%s' is quantized per channel", what, name_of(t).c_str());
  TFB_REQUIRE(t.quant.scale0() > 0, "%s '%s' has scale %g", what, name_of(t).c_str(), t.quant.scale0());
  TFB_SUPPORTED(!symmetric || t.quant.zp0() == 0, "%s '%s' has zero point %d (must be symmetric)", what,
                name_of(t).c_str(), t.quant.zp0());
  return OkStatus();
}

// bias + zero_point * (row sums of weights), as TFLite folds input offsets.
std::vector<int32_t> fold_zero_point(const Tensor& weights, const Tensor* bias, int32_t zero_point) {
  const int rows = weights.dim(0), cols = weights.dim(1);
  std::vector<int32_t> out(rows, 0);
  const int8_t* w = weights.as<int8_t>();
  for (int r = 0; r < rows; ++r) {
    int64_t sum = 0;
    for (int c = 0; c < cols; ++c) sum += w[r * cols + c];
    const int64_t b = bias ? bias->as<int32_t>()[r] : 0;
    out[r] = static_cast<int32_t>(static_cast<uint32_t>(b + sum * zero_point));
  }
  return out;
}

// A real multiplier as TFLite quantizes it, refused when too large for the
// 32-bit fixed-point multiply (`headroom` extra bits of left shift are used
// by the caller).
Status multiplier(double real, const char* what, int headroom, QuantizedMultiplier* out) {
  *out = quantize_multiplier(real);
  TFB_SUPPORTED(out->shift + headroom <= 31, "LSTM %s scale %g is too large", what, real);
  return OkStatus();
}

// log2(x) when x is a power of two (within float precision).
bool exact_log2(float x, int* out) {
  const float l = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(l);
  *out = static_cast<int>(rounded);
  return std::fabs(l - rounded) < 1e-3f;
}

Status prepare_integer(Context& ctx, Node& n, LstmCell* c) {
  auto in = [&](int i) { return ctx.optional_input(n, i); };
  const Tensor& input = *in(kLstmInput);
  const Tensor& output_state = *in(kLstmOutputState);
  const Tensor& cell_state = *in(kLstmCellState);
  TFB_SUPPORTED(n.intermediates.size() == 5,
                "integer LSTM with %zu intermediate tensors is not supported (5 = 16-bit gates)",
                n.intermediates.size());
  TFB_RETURN_IF_ERROR(per_tensor(input, "input", false));
  TFB_RETURN_IF_ERROR(per_tensor(output_state, "output state", false));
  TFB_RETURN_IF_ERROR(per_tensor(cell_state, "cell state", true));
  TFB_SUPPORTED(exact_log2(cell_state.quant.scale0(), &c->cell_scale_log2) && c->cell_scale_log2 >= -15 &&
                    c->cell_scale_log2 <= -9,
                "cell state scale %g must be a power of two in [2^-15, 2^-9]", cell_state.quant.scale0());
  const Tensor& hidden = ctx.tensor(n.intermediates[4]);
  TFB_RETURN_IF_ERROR(per_tensor(hidden, "hidden state intermediate", false));

  for (int i = 1; i < kLstmNumInputs; ++i) {
    const Tensor* t = in(i);
    if (!t || i == kLstmOutputState || i == kLstmCellState) continue;
    TFB_SUPPORTED(t->is_constant(), "LSTM weight '%s' must be constant", name_of(*t).c_str());
    const bool is_bias = (i >= kLstmInputGateBias && i <= kLstmOutputGateBias) || i == kLstmProjectionBias;
    const bool is_16bit = (i >= kLstmCellToInputWeights && i <= kLstmCellToOutputWeights) || i >= kLstmInputLayerNorm;
    const DType want = is_bias ? DType::kI32 : is_16bit ? DType::kI16 : DType::kI8;
    TFB_SUPPORTED(t->type == want, "integer LSTM: '%s' must be %s, is %s", name_of(*t).c_str(), dtype_name(want),
                  dtype_name(t->type));
    if (!is_bias) TFB_RETURN_IF_ERROR(per_tensor(*t, "LSTM weight", true));
  }

  const float input_scale = input.quant.scale0();
  const float state_scale = output_state.quant.scale0();
  const int32_t input_zp = input.quant.zp0();
  c->output_state_zp = output_state.quant.zp0();
  c->hidden_zp = hidden.quant.zp0();
  const float hidden_scale = hidden.quant.scale0();
  for (int g = 0; g < 4; ++g) {
    if (g == kInputGate && c->cifg) continue;
    LstmCell::Gate& gate = c->gates[g];
    // The gate pre-activation scale: Q3.12 unless layer norm rescales it.
    float gate_scale = std::ldexp(1.0f, -12);
    if (c->layer_norm) {
      const Tensor& inter = ctx.tensor(n.intermediates[g]);
      TFB_RETURN_IF_ERROR(per_tensor(inter, "gate intermediate", false));
      gate_scale = inter.quant.scale0();
    }
    const Tensor& w = *in(kGateInputs[g][0]);
    const Tensor& r = *in(kGateInputs[g][1]);
    // Effective scales in float arithmetic, as TFLite computes them.
    const float input_eff = w.quant.scale0() * input_scale / gate_scale;
    const float recurrent_eff = r.quant.scale0() * state_scale / gate_scale;
    TFB_RETURN_IF_ERROR(multiplier(input_eff, "input weight", 0, &gate.input));
    TFB_RETURN_IF_ERROR(multiplier(recurrent_eff, "recurrent weight", 0, &gate.recurrent));
    if (c->peephole && kGateInputs[g][2] >= 0) {
      const float eff = static_cast<float>(std::pow(2.0, c->cell_scale_log2) * in(kGateInputs[g][2])->quant.scale0() /
                                           gate_scale);
      TFB_RETURN_IF_ERROR(multiplier(eff, "peephole weight", 0, &gate.cell));
    }
    const Tensor* bias = in(kGateInputs[g][3]);
    if (c->layer_norm) {
      const float ln_scale = in(kGateInputs[g][4])->quant.scale0();
      TFB_RETURN_IF_ERROR(multiplier(ln_scale, "layer norm", 12, &gate.layer_norm));
      gate.variance_guard = saturating_cast(10000 * ln_scale, {1, std::numeric_limits<int32_t>::max()});
    }
    // With layer norm the bias is added inside the normalization instead.
    gate.input_bias = fold_zero_point(w, c->layer_norm ? nullptr : bias, -input_zp);
    gate.recurrent_bias = fold_zero_point(r, nullptr, -c->output_state_zp);
  }
  TFB_RETURN_IF_ERROR(multiplier(static_cast<float>(std::pow(2.0, -15) / hidden_scale * std::pow(2.0, -15)), "hidden",
                                 0, &c->hidden));
  if (c->projection) {
    const Tensor& p = *in(kLstmProjectionWeights);
    TFB_RETURN_IF_ERROR(multiplier(p.quant.scale0() * hidden_scale / state_scale, "projection", 0, &c->projection_scale));
    c->projection_bias = fold_zero_point(p, in(kLstmProjectionBias), c->hidden_zp);
  }
  if (c->options.cell_clip > 0)
    c->cell_clip = static_cast<int16_t>(
        std::min(std::max(c->options.cell_clip / cell_state.quant.scale0(), -32768.0f), 32767.0f));
  if (c->options.proj_clip > 0) {
    const Tensor& out = ctx.output(n, 0);
    TFB_RETURN_IF_ERROR(per_tensor(out, "output", false));
    c->proj_clip = static_cast<int8_t>(std::min(std::max(c->options.proj_clip / out.quant.scale0(), -128.0f), 127.0f));
  }
  return OkStatus();
}

// ---- float step

using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMap = Eigen::Map<const RowMajor>;

float apply_float_activation(tflfb::ActivationFunctionType act, float x) {
  switch (act) {
    case tflfb::ActivationFunctionType_RELU: return std::max(0.f, x);
    case tflfb::ActivationFunctionType_RELU_N1_TO_1: return std::min(1.f, std::max(-1.f, x));
    case tflfb::ActivationFunctionType_RELU6: return std::min(6.f, std::max(0.f, x));
    case tflfb::ActivationFunctionType_TANH: return std::tanh(x);
    case tflfb::ActivationFunctionType_SIGN_BIT: return std::signbit(x) ? 1.f : 0.f;
    default: return x;
  }
}
float sigmoid(float x) { return 1.f / (1.f + std::exp(-x)); }

struct FloatGateArgs {
  const Tensor* w;
  const Tensor* r;
  const Tensor* peephole;
  const Tensor* bias;
  const Tensor* layer_norm;
};

void float_gate(const LstmCell& c, const FloatGateArgs& a, const float* x, const float* h, const float* cell,
                int batches, bool sigmoid_gate, float* gate) {
  Eigen::Map<RowMajor> g(gate, batches, c.n_cell);
  g.noalias() = ConstMap(x, batches, c.n_input) * ConstMap(a.w->as<float>(), c.n_cell, c.n_input).transpose();
  g.noalias() += ConstMap(h, batches, c.n_output) * ConstMap(a.r->as<float>(), c.n_cell, c.n_output).transpose();
  const float* bias = a.bias->as<float>();
  for (int b = 0; b < batches; ++b) {
    float* row = gate + b * c.n_cell;
    if (a.peephole)
      for (int i = 0; i < c.n_cell; ++i) row[i] += a.peephole->as<float>()[i] * cell[b * c.n_cell + i];
    if (a.layer_norm) {
      float sum = 0;
      for (int i = 0; i < c.n_cell; ++i) sum += row[i];
      const float mean = sum / c.n_cell;
      float sq = 0;
      for (int i = 0; i < c.n_cell; ++i) sq += (row[i] - mean) * (row[i] - mean);
      const float inv_stddev = 1.f / std::sqrt(sq / c.n_cell + 1e-8f);
      for (int i = 0; i < c.n_cell; ++i) row[i] = (row[i] - mean) * inv_stddev * a.layer_norm->as<float>()[i];
    }
    for (int i = 0; i < c.n_cell; ++i) {
      const float v = row[i] + bias[i];
      row[i] = sigmoid_gate ? sigmoid(v) : apply_float_activation(c.options.activation, v);
    }
  }
}

void float_step(Context& ctx, const Node& n, const LstmCell& c, const float* x, int batch, int batches, float* out) {
  auto in = [&](int i) { return ctx.optional_input(const_cast<Node&>(n), i); };
  float* h = in(kLstmOutputState)->as<float>() + batch * c.n_output;
  float* cell = in(kLstmCellState)->as<float>() + batch * c.n_cell;
  const int size = batches * c.n_cell;
  float* scratch = reinterpret_cast<float*>(ctx.scratch(n, c.scratch));
  float* gates[4] = {scratch, scratch + size, scratch + 2 * size, scratch + 3 * size};
  float* hidden = scratch + 4 * size;
  for (int g = 0; g < 4; ++g) {
    if (g == kInputGate && c.cifg) continue;
    if (g == kOutputGate) {
      // The cell state is updated before the output gate reads it.
      for (int i = 0; i < size; ++i) {
        const float input_gate = c.cifg ? 1.f - gates[kForgetGate][i] : gates[kInputGate][i];
        float v = gates[kForgetGate][i] * cell[i] + input_gate * gates[kCellGate][i];
        if (c.options.cell_clip > 0) v = std::clamp(v, -c.options.cell_clip, c.options.cell_clip);
        cell[i] = v;
      }
    }
    const int* idx = kGateInputs[g];
    FloatGateArgs args{in(idx[0]), in(idx[1]), idx[2] >= 0 && c.peephole ? in(idx[2]) : nullptr, in(idx[3]),
                       c.layer_norm ? in(idx[4]) : nullptr};
    float_gate(c, args, x, h, cell, batches, g != kCellGate, gates[g]);
  }
  for (int i = 0; i < size; ++i)
    hidden[i] = gates[kOutputGate][i] * apply_float_activation(c.options.activation, cell[i]);
  if (c.projection) {
    Eigen::Map<RowMajor> hp(h, batches, c.n_output);
    hp.noalias() = ConstMap(hidden, batches, c.n_cell) *
                   ConstMap(in(kLstmProjectionWeights)->as<float>(), c.n_output, c.n_cell).transpose();
    if (const Tensor* pb = in(kLstmProjectionBias))
      hp.rowwise() += Eigen::Map<const Eigen::RowVectorXf>(pb->as<float>(), c.n_output);
    if (c.options.proj_clip > 0) hp = hp.cwiseMax(-c.options.proj_clip).cwiseMin(c.options.proj_clip);
  } else {
    std::copy_n(hidden, size, h);
  }
  std::copy_n(h, batches * c.n_output, out);
}

// ---- integer step

int16_t saturate16(int64_t v) { return static_cast<int16_t>(std::clamp<int64_t>(v, INT16_MIN, INT16_MAX)); }
int8_t saturate8(int64_t v) { return static_cast<int8_t>(std::clamp<int64_t>(v, INT8_MIN, INT8_MAX)); }
// A 32-bit accumulator as TFLite keeps it (wrapping), without signed overflow.
int32_t acc32(int64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }

// gate[b, r] = saturate(gate[b, r] + M * (bias[r] + sum_c x[b, c] * w[r, c]))
void accumulate_matmul(const int8_t* x, int depth, const int8_t* w, const int32_t* bias, QuantizedMultiplier m,
                       int batches, int rows, int16_t* gate) {
  for (int b = 0; b < batches; ++b) {
    const int8_t* xb = x + b * depth;
    for (int r = 0; r < rows; ++r) {
      const int8_t* wr = w + r * depth;
      int64_t acc = bias[r];
      for (int k = 0; k < depth; ++k) acc += xb[k] * wr[k];
      const int32_t v = multiply_by_quantized_multiplier(acc32(acc), m);
      gate[b * rows + r] = saturate16(int64_t{v} + gate[b * rows + r]);
    }
  }
}

// TFLite's integer layer normalization of one gate (in place).
void integer_layer_norm(const LstmCell& c, const LstmCell::Gate& gate, const int16_t* weights, const int32_t* bias,
                        int batches, int16_t* data) {
  const int n = c.n_cell;
  for (int b = 0; b < batches; ++b) {
    int16_t* row = data + b * n;
    int64_t sum = 0, sum_sq = 0;
    for (int i = 0; i < n; ++i) {
      sum += row[i];
      sum_sq += int32_t{row[i]} * row[i];
    }
    const int32_t mean = static_cast<int32_t>(sum * 1024 / n);
    const int32_t per_element = (1 << 20) / n;
    const int64_t variance = sum_sq * per_element - int64_t{mean} * mean;
    int32_t variance2 = static_cast<int32_t>(variance / (1 << 20));
    if (variance2 < 1) variance2 = gate.variance_guard;
    int32_t inv_stddev;
    int inv_stddev_shift;
    inv_sqrt_multiplier(variance2, &inv_stddev, &inv_stddev_shift);
    for (int i = 0; i < n; ++i) {
      const int32_t shifted = acc32(int64_t{1024} * row[i] - mean);
      const int32_t rescaled = multiply_by_quantized_multiplier(shifted, inv_stddev, inv_stddev_shift);
      const int64_t weighted = acc32(int64_t{rescaled} * weights[i] + bias[i]);
      const int32_t rounded = static_cast<int32_t>((weighted > 0 ? weighted + 512 : weighted - 512) / 1024);
      row[i] = saturate16(multiply_by_quantized_multiplier(rounded, gate.layer_norm.multiplier,
                                                           gate.layer_norm.shift + 12));
    }
  }
}

void integer_step(Context& ctx, const Node& n, const LstmCell& c, const int8_t* x, int batch, int batches,
                  int8_t* out) {
  auto in = [&](int i) { return ctx.optional_input(const_cast<Node&>(n), i); };
  int8_t* h = in(kLstmOutputState)->as<int8_t>() + batch * c.n_output;
  int16_t* cell = in(kLstmCellState)->as<int16_t>() + batch * c.n_cell;
  const int size = batches * c.n_cell;
  int16_t* scratch = reinterpret_cast<int16_t*>(ctx.scratch(n, c.scratch));
  int16_t* gates[4] = {scratch, scratch + size, scratch + 2 * size, scratch + 3 * size};
  int16_t* cell_tanh = scratch + 4 * size;
  int8_t* hidden = reinterpret_cast<int8_t*>(scratch + 5 * size);

  for (int g = 0; g < 4; ++g) {
    if (g == kInputGate && c.cifg) continue;
    if (g == kOutputGate) {
      // Cell update: c = f * c + i * g, in the cell state's 2^k scale.
      for (int i = 0; i < size; ++i) {
        const int16_t input_gate = c.cifg ? static_cast<int16_t>(32767 - gates[kForgetGate][i]) : gates[kInputGate][i];
        const int16_t kept =
            static_cast<int16_t>(rounding_divide_by_pot(int32_t{gates[kForgetGate][i]} * cell[i], 15));
        const int16_t added = static_cast<int16_t>(
            rounding_divide_by_pot(int32_t{input_gate} * gates[kCellGate][i], 30 + c.cell_scale_log2));
        int16_t v = saturate16(int32_t{kept} + added);
        if (c.cell_clip > 0) v = std::clamp<int16_t>(v, static_cast<int16_t>(-c.cell_clip), c.cell_clip);
        cell[i] = v;
      }
    }
    const LstmCell::Gate& q = c.gates[g];
    const int* idx = kGateInputs[g];
    int16_t* gate = gates[g];
    std::fill_n(gate, size, 0);
    accumulate_matmul(x, c.n_input, in(idx[0])->as<int8_t>(), q.input_bias.data(), q.input, batches, c.n_cell, gate);
    accumulate_matmul(h, c.n_output, in(idx[1])->as<int8_t>(), q.recurrent_bias.data(), q.recurrent, batches,
                      c.n_cell, gate);
    if (c.peephole && idx[2] >= 0) {
      const int16_t* p = in(idx[2])->as<int16_t>();
      for (int i = 0; i < size; ++i) {
        const int32_t v = multiply_by_quantized_multiplier(int32_t{p[i % c.n_cell]} * cell[i], q.cell);
        gate[i] = saturate16(int64_t{v} + gate[i]);
      }
    }
    if (c.layer_norm)
      integer_layer_norm(c, q, in(idx[4])->as<int16_t>(), in(idx[3])->as<int32_t>(), batches, gate);
    for (int i = 0; i < size; ++i)
      gate[i] = g == kCellGate ? fixed16::tanh(gate[i], 3) : fixed16::logistic(gate[i], 3);
  }

  // Hidden state: o * tanh(c), requantized to int8. TFLite subtracts the
  // zero point here (and adds it back in the projection's bias).
  for (int i = 0; i < size; ++i) {
    cell_tanh[i] = fixed16::tanh(cell[i], 15 + c.cell_scale_log2);
    const int32_t v = multiply_by_quantized_multiplier(int32_t{gates[kOutputGate][i]} * cell_tanh[i], c.hidden);
    hidden[i] = saturate8(int64_t{v} - c.hidden_zp);
  }
  if (c.projection) {
    const int8_t* p = in(kLstmProjectionWeights)->as<int8_t>();
    for (int b = 0; b < batches; ++b)
      for (int r = 0; r < c.n_output; ++r) {
        int64_t acc = c.projection_bias[r];
        for (int k = 0; k < c.n_cell; ++k) acc += hidden[b * c.n_cell + k] * p[r * c.n_cell + k];
        int8_t v = saturate8(int64_t{multiply_by_quantized_multiplier(acc32(acc), c.projection_scale)} + c.output_state_zp);
        if (c.proj_clip > 0) v = std::clamp<int8_t>(v, static_cast<int8_t>(-c.proj_clip), c.proj_clip);
        h[b * c.n_output + r] = v;
      }
  } else {
    std::copy_n(hidden, size, h);
  }
  std::copy_n(h, batches * c.n_output, out);
}

}  // namespace

Status check_lstm_arity(const Context& ctx, const Node& n) {
  TFB_REQUIRE(ctx.num_inputs(n) == kLstmNumInputs || ctx.num_inputs(n) == 20,
              "expects 24 inputs (20 without layer norm), has %d", ctx.num_inputs(n));
  TFB_REQUIRE(ctx.num_outputs(n) == 1, "expects 1 output, has %d", ctx.num_outputs(n));
  for (int i : {kLstmInput, kLstmInputToForgetWeights, kLstmInputToCellWeights, kLstmInputToOutputWeights,
                kLstmRecurrentToForgetWeights, kLstmRecurrentToCellWeights, kLstmRecurrentToOutputWeights,
                kLstmForgetGateBias, kLstmCellGateBias, kLstmOutputGateBias, kLstmOutputState, kLstmCellState})
    TFB_REQUIRE(ctx.has_input(n, i), "required input %d is missing", i);
  return OkStatus();
}

Status prepare_lstm_cell(Context& ctx, Node& n, int n_batch, int n_input, const LstmOptions& options,
                         LstmCell* c) {
  auto in = [&](int i) { return ctx.optional_input(n, i); };
  TFB_REQUIRE(options.cell_clip >= 0 && options.proj_clip >= 0, "clip values must be >= 0 (cell %g, projection %g)",
              options.cell_clip, options.proj_clip);

  const Tensor& input = *in(kLstmInput);
  const Tensor& w_out = *in(kLstmInputToOutputWeights);
  const Tensor& r_out = *in(kLstmRecurrentToOutputWeights);
  TFB_REQUIRE(w_out.rank() == 2 && r_out.rank() == 2, "input/recurrent to output weights must be 2-D, are %s and %s",
              w_out.shape.str().c_str(), r_out.shape.str().c_str());
  c->n_batch = n_batch;
  c->n_input = n_input;
  c->n_cell = w_out.dim(0);
  c->n_output = r_out.dim(1);
  c->options = options;
  const int nc = c->n_cell, no = c->n_output, ni = n_input;
  TFB_REQUIRE(nc > 0 && no > 0, "LSTM with %d cells and %d outputs", nc, no);

  c->cifg = !in(kLstmInputToInputWeights);
  TFB_REQUIRE(c->cifg == !in(kLstmRecurrentToInputWeights) && c->cifg == !in(kLstmInputGateBias),
              "input gate weights and bias must be all present or all absent (CIFG)");
  c->peephole = in(kLstmCellToForgetWeights) != nullptr;
  TFB_REQUIRE(c->peephole == (in(kLstmCellToOutputWeights) != nullptr) &&
                  (c->cifg || c->peephole == (in(kLstmCellToInputWeights) != nullptr)) &&
                  !(c->cifg && in(kLstmCellToInputWeights)),
              "peephole weights must be all present or all absent");
  c->projection = in(kLstmProjectionWeights) != nullptr;
  TFB_REQUIRE(c->projection || !in(kLstmProjectionBias), "projection bias without projection weights");
  TFB_REQUIRE(c->projection || no == nc, "without projection the output size (%d) must equal the cells (%d)", no, nc);
  c->layer_norm = in(kLstmForgetLayerNorm) != nullptr;
  TFB_REQUIRE(c->layer_norm == (in(kLstmCellLayerNorm) != nullptr) &&
                  c->layer_norm == (in(kLstmOutputLayerNorm) != nullptr) &&
                  (c->cifg ? !in(kLstmInputLayerNorm) : c->layer_norm == (in(kLstmInputLayerNorm) != nullptr)),
              "layer norm coefficients must be all present or all absent");

  for (int g = 0; g < 4; ++g) {
    const int* idx = kGateInputs[g];
    std::string w = std::string(kGateNames[g]) + " gate input weights";
    TFB_RETURN_IF_ERROR(check_dims(in(idx[0]), w.c_str(), {nc, ni}));
    w = std::string(kGateNames[g]) + " gate recurrent weights";
    TFB_RETURN_IF_ERROR(check_dims(in(idx[1]), w.c_str(), {nc, no}));
    if (idx[2] >= 0) TFB_RETURN_IF_ERROR(check_dims(in(idx[2]), "peephole weights", {nc}));
    TFB_RETURN_IF_ERROR(check_dims(in(idx[3]), "gate bias", {nc}));
    TFB_RETURN_IF_ERROR(check_dims(in(idx[4]), "layer norm coefficients", {nc}));
  }
  TFB_RETURN_IF_ERROR(check_dims(in(kLstmProjectionWeights), "projection weights", {no, nc}));
  TFB_RETURN_IF_ERROR(check_dims(in(kLstmProjectionBias), "projection bias", {no}));

  const Tensor& output_state = *in(kLstmOutputState);
  const Tensor& cell_state = *in(kLstmCellState);
  TFB_REQUIRE(output_state.is_variable && cell_state.is_variable, "output state '%s' and cell state '%s' must be variables",
              name_of(output_state).c_str(), name_of(cell_state).c_str());
  TFB_REQUIRE(output_state.count() == int64_t{n_batch} * no && cell_state.count() == int64_t{n_batch} * nc,
              "states %s and %s do not hold %d batches of %d outputs and %d cells", output_state.shape.str().c_str(),
              cell_state.shape.str().c_str(), n_batch, no, nc);

  size_t scratch_bytes;
  if (input.type == DType::kF32) {
    for (int i = 1; i < kLstmNumInputs; ++i)
      if (const Tensor* t = in(i))
        TFB_SUPPORTED(t->type == DType::kF32, "float LSTM: '%s' is %s (hybrid LSTM is not supported)",
                      name_of(*t).c_str(), dtype_name(t->type));
    scratch_bytes = sizeof(float) * 5 * size_t(n_batch) * nc;
  } else {
    TFB_SUPPORTED(input.type == DType::kI8, "LSTM on %s input is not supported", dtype_name(input.type));
    TFB_SUPPORTED(output_state.type == DType::kI8 && cell_state.type == DType::kI16,
                  "integer LSTM needs an int8 output state and an int16 cell state, has %s and %s",
                  dtype_name(output_state.type), dtype_name(cell_state.type));
    c->integer = true;
    TFB_RETURN_IF_ERROR(prepare_integer(ctx, n, c));
    scratch_bytes = (5 * sizeof(int16_t) + 1) * size_t(n_batch) * nc;
  }
  c->scratch = ctx.add_scratch(n, scratch_bytes);
  return OkStatus();
}

void lstm_step(Context& ctx, const Node& n, const LstmCell& cell, const void* input, int batch, int batches,
               void* output) {
  if (cell.integer)
    integer_step(ctx, n, cell, static_cast<const int8_t*>(input), batch, batches, static_cast<int8_t*>(output));
  else
    float_step(ctx, n, cell, static_cast<const float*>(input), batch, batches, static_cast<float*>(output));
}

}  // namespace tfb
