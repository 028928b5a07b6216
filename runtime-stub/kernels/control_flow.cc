#include "kernels/control_flow.h"

#include <cstring>

#include "interpreter/interpreter.h"
#include "kernels/kernel_util.h"

namespace tfb {

Status called_subgraph(Context& ctx, int index, size_t num_inputs, size_t num_outputs, const char* role,
                       Subgraph** out) {
  Interpreter& interp = ctx.interpreter();
  TFB_REQUIRE(index >= 0 && index < interp.num_subgraphs(), "%s subgraph %d does not exist (the model has %d)", role,
              index, interp.num_subgraphs());
  Subgraph& sg = interp.subgraph(index);
  TFB_REQUIRE(sg.inputs.size() == num_inputs && sg.outputs.size() == num_outputs,
              "%s subgraph %d takes %zu inputs and gives %zu outputs, the op needs %zu and %zu", role, index,
              sg.inputs.size(), sg.outputs.size(), num_inputs, num_outputs);
  for (int i : sg.inputs) {
    const Tensor& t = sg.tensors[i];
    TFB_REQUIRE(!t.is_constant(), "%s subgraph %d input '%.*s' is a constant", role, index,
                static_cast<int>(t.name.size()), t.name.data());
    TFB_SUPPORTED(dtype_size(t.type) > 0, "%s subgraph %d input '%.*s' has type %s, which cannot be copied", role,
                  index, static_cast<int>(t.name.size()), t.name.data(), dtype_name(t.type));
  }
  *out = &sg;
  return OkStatus();
}

Status load_subgraph_inputs(Context& ctx, Subgraph& sg, std::span<const Tensor* const> operands,
                            std::vector<Shape>& shapes) {
  for (size_t i = 0; i < operands.size(); ++i) {
    const Tensor& in = sg.tensors[sg.inputs[i]];
    TFB_REQUIRE(operands[i]->type == in.type, "subgraph %d input %zu is %s, the operand is %s", sg.index, i,
                dtype_name(in.type), dtype_name(operands[i]->type));
    shapes[i] = operands[i]->shape;
  }
  TFB_RETURN_IF_ERROR(sg.prepare_for_inputs(ctx.interpreter(), shapes));
  if (ctx.executing())
    for (size_t i = 0; i < operands.size(); ++i) copy_values(*operands[i], sg.tensors[sg.inputs[i]]);
  return OkStatus();
}

void copy_values(const Tensor& src, Tensor& dst) {
  const size_t bytes = dst.required_bytes();
  if (bytes > 0 && src.data != dst.data) std::memmove(dst.data, src.data, bytes);
}

Status run_subgraph(Context& ctx, Subgraph& sg, const char* role, std::span<const Tensor* const> operands,
                    std::vector<Shape>& shapes) {
  TFB_RETURN_IF_ERROR(in_subgraph(load_subgraph_inputs(ctx, sg, operands, shapes), role, sg));
  return in_subgraph(sg.invoke(ctx.interpreter()), role, sg);
}

Status take_output(Context& ctx, const Subgraph& sg, int i, Tensor& out) {
  const Tensor& r = sg.tensors[sg.outputs[i]];
  if (r.shape != out.shape) TFB_RETURN_IF_ERROR(ctx.set_shape(out, r.shape));
  copy_values(r, out);
  return OkStatus();
}

Status in_subgraph(Status st, const char* role, const Subgraph& sg) {
  return st.ok() ? st : st.prefixed(strfmt("%s subgraph %d: ", role, sg.index));
}

}  // namespace tfb
