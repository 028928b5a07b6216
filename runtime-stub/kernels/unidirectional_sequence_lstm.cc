// UNIDIRECTIONAL_SEQUENCE_LSTM: an LSTM run over every time step of a
// [time, batch, input] (time_major) or [batch, time, input] sequence. The
// output and cell states are variable inputs that carry over between
// invocations. The step itself is in lstm_cell.cc.
#include "interpreter/interpreter.h"
#include "kernels/kernel_util.h"
#include "kernels/lstm_cell.h"

namespace tfb {
namespace {

struct SequenceLstmState : KernelState {
  LstmCell cell;
  bool time_major = false;
  int steps = 0, batches = 0;
};

Status sequence_lstm_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_lstm_arity(ctx, n));
  const Tensor& input = ctx.input(n, kLstmInput);
  auto* opts = n.options<tflfb::UnidirectionalSequenceLSTMOptions>();
  auto s = std::make_unique<SequenceLstmState>();
  LstmOptions options;
  if (opts) {
    options.activation = opts->fused_activation_function();
    options.cell_clip = opts->cell_clip();
    options.proj_clip = opts->proj_clip();
    s->time_major = opts->time_major();
    TFB_SUPPORTED(!opts->diagonal_recurrent_tensors(), "diagonal recurrent weights are not supported");
  }
  TFB_REQUIRE(input.rank() == 3, "input must be 3-D, is %s", input.shape.str().c_str());
  s->steps = s->time_major ? input.dim(0) : input.dim(1);
  s->batches = s->time_major ? input.dim(1) : input.dim(0);
  TFB_RETURN_IF_ERROR(prepare_lstm_cell(ctx, n, s->batches, input.dim(2), options, &s->cell));
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(input, out, "input", "output");
  Shape shape = input.shape;
  shape.dim[2] = s->cell.n_output;
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status sequence_lstm_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<SequenceLstmState>();
  const LstmCell& cell = s.cell;
  const Tensor& input = ctx.input(n, kLstmInput);
  Tensor& out = ctx.output(n, 0);
  const size_t elem = dtype_size(input.type);
  const uint8_t* x = input.data;
  uint8_t* y = out.data;
  if (s.time_major) {
    // All batches advance together, one time step at a time.
    for (int t = 0; t < s.steps; ++t) {
      if (ctx.cancelled()) return ctx.interpreter().cancel_status();
      lstm_step(ctx, n, cell, x + size_t(t) * s.batches * cell.n_input * elem, 0, s.batches,
                y + size_t(t) * s.batches * cell.n_output * elem);
    }
  } else {
    // Each batch runs its own sequence against its own state rows.
    for (int b = 0; b < s.batches; ++b)
      for (int t = 0; t < s.steps; ++t) {
        if (ctx.cancelled()) return ctx.interpreter().cancel_status();
        const size_t row = size_t(b) * s.steps + t;
        lstm_step(ctx, n, cell, x + row * cell.n_input * elem, b, 1, y + row * cell.n_output * elem);
      }
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_UNIDIRECTIONAL_SEQUENCE_LSTM = {
    tflfb::BuiltinOperator_UNIDIRECTIONAL_SEQUENCE_LSTM, nullptr, "UNIDIRECTIONAL_SEQUENCE_LSTM", 1, 0,
    "f32 i8", sequence_lstm_prepare, sequence_lstm_eval};

}  // namespace tfb
