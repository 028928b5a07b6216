// Turning what the user gives (files, directories, stdin, texts, tensors)
// into model inputs: one "run" per input item, each decoded by what it is.
#pragma once

#include <string>
#include <vector>

#include "app/cli.h"
#include "app/settings.h"
#include "app/tokenizer.h"
#include "interpreter/interpreter.h"

namespace tfb {

// One inference's worth of input: a file (image, WAV, text, .npy, raw), a
// text, or one tensor file per model input (--input).
struct RunInput {
  std::string name;                 // as printed in results ("photo.jpg", "-", "text 1")
  std::vector<std::string> tensors;  // --input files, in model input order
  std::string path;                  // a file, "-" for stdin
  std::string text;                  // --text
  bool is_text = false;
};

// Expands directories (their regular files, sorted, not recursive; hidden
// files skipped) into the list of runs. Errors name the missing path.
Status collect_runs(const AppOptions& opt, std::vector<RunInput>* out);

// What the app knows about the input once it is decoded.
struct InputFacts {
  int image_width = 0, image_height = 0;  // when an image was given
  int64_t batch = 1;                      // rows of a batched .npy input
};

class InputFiller {
 public:
  // `vocab`: the bundled vocabulary text, empty when none.
  InputFiller(const Settings& settings, std::string_view vocab, bool raw);
  // Decodes `in` and writes the model's inputs (resizing them when a .npy
  // has another shape the model allows). Errors name the file.
  Status fill(Interpreter& interp, const RunInput& in, InputFacts* facts);

 private:
  Status fill_tensors(Interpreter& interp, const std::vector<std::string>& files, InputFacts* facts);
  Status fill_bytes(Interpreter& interp, const std::string& name, std::span<const uint8_t> bytes, InputFacts* facts);
  Status fill_text(Interpreter& interp, const std::string& text);

  const Settings& settings_;
  std::string vocab_;
  bool raw_;
  RegexTokenizer tokenizer_;
  Status tokenizer_status_;
  bool tokenizer_ready_ = false;
};

}  // namespace tfb
