// One inference from .npy files to .npy files.
#pragma once

#include <string>
#include <vector>

#include "interpreter/interpreter.h"

namespace tfb {

// Reads one .npy file per model input, in order, checks count, dtype and
// shape (resizing inputs whose shape signature allows it) and copies the
// values in. Errors (kBadInput) name the file.
Status set_inputs(Interpreter& interp, const std::vector<std::string>& files);

// Writes DIR/output_<i>.npy for every output, each through a temporary
// file and a rename. Creates DIR when missing.
Status write_outputs(const Interpreter& interp, const std::string& dir);

}  // namespace tfb
