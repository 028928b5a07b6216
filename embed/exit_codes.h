// Process exit codes of the bundled app and of `bundle`. Part of the public
// interface (scripts test them): docs/EXIT_CODES.md documents each one.
// Never renumber.
#pragma once

namespace tfb {

enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,           // a bug: an unexpected exception
  kExitUsage = 2,              // bad command line, or a path `bundle` refuses
  kExitBadInput = 3,           // an input file is missing, unreadable or does not fit the model
  kExitPayload = 4,            // the app's payload is missing, corrupt or for another runtime
  kExitInvalidModel = 5,       // the model breaks the .tflite format or its own invariants
  kExitUnsupportedModel = 6,   // a valid model using ops or types this runtime lacks
  kExitOutputWrite = 7,        // an output file or the app could not be written
  kExitInference = 8,          // inference failed on these inputs
  kExitTimeout = 9,            // inference exceeded its time limit
  kExitCancelled = 10,         // stopped by SIGINT/SIGTERM
  kExitSelfTest = 11,          // --self-test: this machine computes a different answer
  kExitResource = 12,          // needs more memory than the limit (--max-memory) or the machine has
};

}  // namespace tfb
