// How the app ends: one-line error messages and the exit code that goes with
// each kind of failure (embed/exit_codes.h, docs/EXIT_CODES.md).
#pragma once

#include <string>

#include "embed/exit_codes.h"
#include "interpreter/status.h"

namespace tfb {

// The name errors are reported under: the basename of argv[0].
void set_program_name(const char* argv0);
const std::string& program_name();

// Prints "<program>: error: <message>" as one line on stderr; returns `code`.
int fail(int code, const std::string& message);

// The exit code for an interpreter or app error.
int exit_code_for(ErrorKind kind);

}  // namespace tfb
