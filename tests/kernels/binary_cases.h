// Adds one elementwise binary case (random inputs of the given shapes,
// output of the broadcast shape) to an OpGrid; shared by the binary op tests.
#pragma once

#include "kernels/broadcast.h"
#include "op_grid.h"

namespace tfb::test {

struct BinaryCase {
  tflfb::BuiltinOperator op;
  DType type;
  Shape a, b;
  tflfb::ActivationFunctionType act = tflfb::ActivationFunctionType_NONE;
  Quant qa = {}, qb = {}, qo = {};
  bool pot_scale_int16 = true;
  DType out_type = DType::kString;  // kString: same as the inputs
  double lo = -2, hi = 2;           // input value range
};

inline std::vector<int64_t> dims_of(const Shape& s) { return {s.dim, s.dim + s.rank}; }

inline void add_binary_case(OpGrid& g, const BinaryCase& c, uint32_t seed) {
  const int a = g.input("a", random_array(c.type, dims_of(c.a), seed, c.lo, c.hi), c.qa);
  const int b = g.input("b", random_array(c.type, dims_of(c.b), seed + 1000, c.lo, c.hi), c.qb);
  Shape out;
  EXPECT_TRUE(broadcast_shape(c.a, c.b, &out).ok());
  const DType out_type = c.out_type == DType::kString ? c.type : c.out_type;
  const std::string label = std::string(tflfb::EnumNameBuiltinOperator(c.op)) + " " + dtype_name(c.type) + " " +
                            c.a.str() + " " + c.b.str() + " " + tflfb::EnumNameActivationFunctionType(c.act) +
                            " seed " + std::to_string(seed);
  const int y = g.output(label, out_type, out, c.qo);
  ModelWriter& w = g.writer();
  switch (c.op) {
    case tflfb::BuiltinOperator_ADD: {
      tflfb::AddOptionsT o;
      o.fused_activation_function = c.act;
      o.pot_scale_int16 = c.pot_scale_int16;
      w.add_op(c.op, {a, b}, {y}, o);
      break;
    }
    case tflfb::BuiltinOperator_SUB: {
      tflfb::SubOptionsT o;
      o.fused_activation_function = c.act;
      o.pot_scale_int16 = c.pot_scale_int16;
      w.add_op(c.op, {a, b}, {y}, o);
      break;
    }
    case tflfb::BuiltinOperator_MUL: {
      tflfb::MulOptionsT o;
      o.fused_activation_function = c.act;
      w.add_op(c.op, {a, b}, {y}, o);
      break;
    }
    case tflfb::BuiltinOperator_DIV: {
      tflfb::DivOptionsT o;
      o.fused_activation_function = c.act;
      w.add_op(c.op, {a, b}, {y}, o);
      break;
    }
    default: w.add_op(c.op, {a, b}, {y}); break;
  }
}

}  // namespace tfb::test
