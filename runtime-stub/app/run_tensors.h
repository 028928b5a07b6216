// One inference from .npy files to .npy files.
#pragma once

#include <string>
#include <vector>

#include "app/npy.h"
#include "interpreter/interpreter.h"

namespace tfb {

// Reads one .npy file per model input, in order, checks count, dtype and
// shape (resizing inputs whose shape signature allows it) and copies the
// values in. Errors (kBadInput) name the file.
Status set_inputs(Interpreter& interp, const std::vector<std::string>& files);

// The same for arrays already read; `names` (one per array) go into errors.
Status set_input_arrays(Interpreter& interp, const std::vector<NpyArray>& arrays,
                        const std::vector<std::string>& names);

// Reads a whole file ("-" = standard input). Errors (kBadInput) name it.
Status read_input_file(const std::string& path, std::vector<uint8_t>* out);

// Writes DIR/output_<i>.npy for every output, each through a temporary
// file and a rename. Creates DIR when missing.
Status write_outputs(const Interpreter& interp, const std::string& dir);

}  // namespace tfb
