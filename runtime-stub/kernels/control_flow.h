// Running other subgraphs from a kernel (WHILE, IF): checking that operands
// fit a subgraph's inputs, preparing it for their shapes, copying values in
// and out.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "interpreter/context.h"
#include "interpreter/subgraph.h"

namespace tfb {

// The subgraph a control flow op names in its options, checked to exist
// and to take `num_inputs` inputs and give `num_outputs` outputs.
Status called_subgraph(Context& ctx, int index, size_t num_inputs, size_t num_outputs, const char* role,
                       Subgraph** out);

// Prepares `sg` for operands of these tensors' shapes (their dtypes must be
// the inputs' dtypes) and copies their values in. `shapes` is scratch space
// with one entry per operand.
Status load_subgraph_inputs(Context& ctx, Subgraph& sg, std::span<const Tensor* const> operands,
                            std::vector<Shape>& shapes);

// Loads the operands into `sg` and runs it. Errors name the subgraph by
// its `role` ("body subgraph 2: ...").
Status run_subgraph(Context& ctx, Subgraph& sg, const char* role, std::span<const Tensor* const> operands,
                    std::vector<Shape>& shapes);

// Copies subgraph output `i` into `out`, giving `out` its shape first.
Status take_output(Context& ctx, const Subgraph& sg, int i, Tensor& out);

// Copies a tensor's values into `dst`, which already has its shape.
void copy_values(const Tensor& src, Tensor& dst);

// Prefixes a failed status with "<role> subgraph <n>: ".
Status in_subgraph(Status st, const char* role, const Subgraph& sg);

}  // namespace tfb
