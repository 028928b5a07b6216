// IF: runs the then or else subgraph on inputs[1:], by the bool inputs[0];
// its outputs are the op's outputs. When the two branches may give
// different shapes the outputs are dynamic.
#include "interpreter/interpreter.h"
#include "kernels/control_flow.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct IfState : KernelState {
  Subgraph* branches[2] = {};  // else, then
  std::vector<const Tensor*> operands;
  std::vector<Shape> shapes;
};

const char* const kBranchNames[2] = {"else", "then"};

Status if_prepare(Context& ctx, Node& n) {
  auto* opts = n.options<tflfb::IfOptions>();
  TFB_REQUIRE(opts, "IF has no IfOptions");
  TFB_REQUIRE(ctx.num_inputs(n) >= 1 && ctx.has_input(n, 0), "IF needs a condition input");
  const Tensor& cond = ctx.input(n, 0);
  TFB_REQUIRE(cond.type == DType::kBool && cond.count() == 1, "IF condition must be one bool, is %s %s",
              dtype_name(cond.type), cond.shape.str().c_str());
  auto s = std::make_unique<IfState>();
  const size_t num_in = ctx.num_inputs(n) - 1, num_out = ctx.num_outputs(n);
  for (int i = 1; i < ctx.num_inputs(n); ++i) {
    TFB_REQUIRE(ctx.has_input(n, i), "IF input %d is missing", i);
    s->operands.push_back(&ctx.input(n, i));
  }
  s->shapes.resize(num_in);
  const int indices[2] = {opts->else_subgraph_index(), opts->then_subgraph_index()};
  bool static_shapes = true;
  for (int b = 0; b < 2; ++b) {
    TFB_RETURN_IF_ERROR(called_subgraph(ctx, indices[b], num_in, num_out, kBranchNames[b], &s->branches[b]));
    Subgraph& sg = *s->branches[b];
    TFB_RETURN_IF_ERROR(in_subgraph(load_subgraph_inputs(ctx, sg, s->operands, s->shapes), kBranchNames[b], sg));
    for (size_t i = 0; i < num_out; ++i) {
      const Tensor& r = sg.tensors[sg.outputs[i]];
      TFB_REQUIRE_SAME_TYPE(r, ctx.output(n, static_cast<int>(i)), "branch output", "IF output");
      static_shapes = static_shapes && !r.dynamic && r.shape == s->branches[0]->tensors[s->branches[0]->outputs[i]].shape;
    }
  }
  const Subgraph& else_sg = *s->branches[0];
  n.state = std::move(s);
  if (!static_shapes && !ctx.executing()) return ctx.defer();
  for (size_t i = 0; i < num_out; ++i)
    TFB_RETURN_IF_ERROR(ctx.set_shape(ctx.output(n, static_cast<int>(i)), else_sg.tensors[else_sg.outputs[i]].shape));
  return OkStatus();
}

Status if_eval(Context& ctx, Node& n) {
  auto& s = n.state_as<IfState>();
  const int branch = ctx.input(n, 0).data[0] ? 1 : 0;
  Subgraph& sg = *s.branches[branch];
  TFB_RETURN_IF_ERROR(run_subgraph(ctx, sg, kBranchNames[branch], s.operands, s.shapes));
  for (int i = 0; i < ctx.num_outputs(n); ++i) TFB_RETURN_IF_ERROR(take_output(ctx, sg, i, ctx.output(n, i)));
  return OkStatus();
}

}  // namespace

extern const KernelDef op_IF = {tflfb::BuiltinOperator_IF, nullptr, "IF", 1, 0, "any", if_prepare, if_eval};

}  // namespace tfb
