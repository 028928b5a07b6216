// --info: what the app carries and what the model takes and gives.
#pragma once

#include <string>

#include "embed/payload.h"
#include "interpreter/interpreter.h"

namespace tfb {

// Inputs, outputs, op counts and memory, several lines.
std::string model_summary(const Interpreter& interp);
// Human-readable, several lines.
std::string info_text(const Interpreter& interp, const embed::PayloadReader& payload);
// The same facts as one JSON document.
std::string info_json(const Interpreter& interp, const embed::PayloadReader& payload);

}  // namespace tfb
