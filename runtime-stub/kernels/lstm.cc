// LSTM: one step of a full LSTM cell on [batch, input]; the output and cell
// states are variable inputs kept between invocations (lstm_cell.cc).
#include "kernels/kernel_util.h"
#include "kernels/lstm_cell.h"

namespace tfb {
namespace {

struct LstmState : KernelState {
  LstmCell cell;
};

Status lstm_prepare(Context& ctx, Node& n) {
  auto* opts = n.options<tflfb::LSTMOptions>();
  LstmOptions options;
  if (opts) {
    TFB_SUPPORTED(opts->kernel_type() == tflfb::LSTMKernelType_FULL, "the BASIC LSTM kernel is not supported");
    options.activation = opts->fused_activation_function();
    options.cell_clip = opts->cell_clip();
    options.proj_clip = opts->proj_clip();
  }
  TFB_RETURN_IF_ERROR(check_lstm_arity(ctx, n));
  const Tensor& input = ctx.input(n, kLstmInput);
  TFB_REQUIRE(input.rank() == 2, "input must be 2-D [batch, input], is %s", input.shape.str().c_str());
  auto s = std::make_unique<LstmState>();
  TFB_RETURN_IF_ERROR(prepare_lstm_cell(ctx, n, input.dim(0), input.dim(1), options, &s->cell));
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(input, out, "input", "output");
  const Shape shape{input.dim(0), s->cell.n_output};
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status lstm_eval(Context& ctx, Node& n) {
  const LstmCell& cell = n.state_as<LstmState>().cell;
  lstm_step(ctx, n, cell, ctx.input(n, kLstmInput).data, 0, cell.n_batch, ctx.output(n, 0).data);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_LSTM = {tflfb::BuiltinOperator_LSTM, nullptr, "LSTM", 1, 0, "f32 i8",
                                  lstm_prepare, lstm_eval};

}  // namespace tfb
