// Bundle-time model check: everything the stub would reject on the user's
// machine is rejected here instead.
#pragma once

#include <cstdint>
#include <span>
#include <memory>
#include <string>

#include "interpreter/interpreter.h"

namespace tfb::bundler {

// Loads the model as the stub does (listing every unsupported op once, with
// its count) and runs every kernel's prepare. Returns 0 and the prepared
// interpreter when the model will run, else prints a report on stderr and
// returns the exit code.
// `options` are those the app will run with (its stored arguments).
int check_model(std::span<const uint8_t> model, const std::string& path, const InterpreterOptions& options,
                std::unique_ptr<Interpreter>* interp);

}  // namespace tfb::bundler
