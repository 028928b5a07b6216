// WHILE: vars = inputs; while cond(vars): vars = body(vars); outputs = vars.
// cond and body are other subgraphs of the model. The loop variables live
// in the op's outputs. When the body keeps every shape the outputs are
// planned like any tensor; when a shape may change per iteration they are
// dynamic and get their final shape at run time.
#include "interpreter/interpreter.h"
#include "kernels/control_flow.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct WhileState : KernelState {
  Subgraph* cond = nullptr;
  Subgraph* body = nullptr;
  std::vector<const Tensor*> vars;  // the op's outputs, as operands
  std::vector<Shape> shapes;        // scratch for preparing the subgraphs
};

Status while_prepare(Context& ctx, Node& n) {
  auto* opts = n.options<tflfb::WhileOptions>();
  TFB_REQUIRE(opts, "WHILE has no WhileOptions");
  const int count = ctx.num_inputs(n);
  TFB_REQUIRE(ctx.num_outputs(n) == count, "WHILE has %d inputs but %d outputs", count, ctx.num_outputs(n));
  auto s = std::make_unique<WhileState>();
  TFB_RETURN_IF_ERROR(called_subgraph(ctx, opts->cond_subgraph_index(), count, 1, "cond", &s->cond));
  TFB_RETURN_IF_ERROR(called_subgraph(ctx, opts->body_subgraph_index(), count, count, "body", &s->body));
  std::vector<const Tensor*> operands;
  for (int i = 0; i < count; ++i) {
    TFB_REQUIRE(ctx.has_input(n, i), "WHILE input %d is missing", i);
    const Tensor& in = ctx.input(n, i);
    TFB_REQUIRE_SAME_TYPE(in, ctx.output(n, i), "loop input", "loop output");
    operands.push_back(&in);
    s->vars.push_back(&ctx.output(n, i));
  }
  s->shapes.resize(count);
  TFB_RETURN_IF_ERROR(in_subgraph(load_subgraph_inputs(ctx, *s->cond, operands, s->shapes), "cond", *s->cond));
  const Tensor& c = s->cond->tensors[s->cond->outputs[0]];
  TFB_REQUIRE(c.type == DType::kBool && (c.dynamic || c.count() == 1), "cond subgraph %d must give one bool, gives %s %s",
              s->cond->index, dtype_name(c.type), c.shape.str().c_str());
  TFB_RETURN_IF_ERROR(in_subgraph(load_subgraph_inputs(ctx, *s->body, operands, s->shapes), "body", *s->body));
  bool same_shapes = true;
  for (int i = 0; i < count; ++i) {
    const Tensor& r = s->body->tensors[s->body->outputs[i]];
    TFB_REQUIRE(r.type == operands[i]->type, "body subgraph %d output %d is %s, loop variable is %s", s->body->index, i,
                dtype_name(r.type), dtype_name(operands[i]->type));
    same_shapes = same_shapes && !r.dynamic && r.shape == operands[i]->shape;
  }
  n.state = std::move(s);
  if (!same_shapes && !ctx.executing()) return ctx.defer();  // shapes known only while looping
  for (int i = 0; i < count; ++i) TFB_RETURN_IF_ERROR(ctx.set_shape(ctx.output(n, i), ctx.input(n, i).shape));
  return OkStatus();
}

Status while_eval(Context& ctx, Node& n) {
  auto& s = n.state_as<WhileState>();
  Interpreter& interp = ctx.interpreter();
  const int count = ctx.num_outputs(n);
  for (int i = 0; i < count; ++i) copy_values(ctx.input(n, i), ctx.output(n, i));
  const int64_t limit = interp.options().max_while_iterations;
  for (int64_t iteration = 0;; ++iteration) {
    TFB_RETURN_IF_ERROR(run_subgraph(ctx, *s.cond, "cond", s.vars, s.shapes));
    const Tensor& c = s.cond->tensors[s.cond->outputs[0]];
    TFB_CHECK_KIND(ErrorKind::kRuntime, c.count() == 1, "cond subgraph %d gave %s, not one bool", s.cond->index,
                   c.shape.str().c_str());
    if (!c.data[0]) return OkStatus();
    TFB_CHECK_KIND(ErrorKind::kRuntime, iteration < limit,
                   "the loop did not end within %lld iterations (the interpreter's max_while_iterations)",
                   static_cast<long long>(limit));
    if (ctx.cancelled()) return interp.cancel_status();
    TFB_RETURN_IF_ERROR(run_subgraph(ctx, *s.body, "body", s.vars, s.shapes));
    for (int i = 0; i < count; ++i) TFB_RETURN_IF_ERROR(take_output(ctx, *s.body, i, ctx.output(n, i)));
  }
}

}  // namespace

extern const KernelDef op_WHILE = {tflfb::BuiltinOperator_WHILE, nullptr, "WHILE", 1, 0, "any",
                                   while_prepare, while_eval};

}  // namespace tfb
