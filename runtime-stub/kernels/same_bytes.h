// Eval of the ops whose output is their input's bytes under another shape
// (RESHAPE, SQUEEZE, EXPAND_DIMS; flagged kSameBytes). The arena planner
// usually gives the output the input's buffer, and then there is nothing to do.
#pragma once

#include <cstring>

#include "interpreter/context.h"

namespace tfb {

inline Status same_bytes_eval(Context& ctx, Node& n) {
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  if (out.bytes && out.data != in.data) std::memcpy(out.data, in.data, out.bytes);
  return OkStatus();
}

}  // namespace tfb
