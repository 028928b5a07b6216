// ARG_MAX and ARG_MIN: the index of the largest / smallest value along an
// axis (the first one on ties), as int32 or int64.
#pragma once

#include "interpreter/kernel.h"

namespace tfb {

Status arg_min_max_prepare(Context& ctx, Node& n);
template <bool kMax>
Status arg_min_max_eval(Context& ctx, Node& n);

}  // namespace tfb
