// Everything besides the model that goes into an app's payload: the
// resolved settings (from TFLite Metadata, `--config app.toml`, `--labels`),
// label and vocabulary files, and default app arguments.
#pragma once

#include <string>
#include <vector>

#include "app/settings.h"
#include "interpreter/interpreter.h"

namespace tfb {

struct AppSources {
  std::string labels_path;              // bundle --labels
  std::string archive_labels_name;      // a label file found beside the model in its archive
  std::vector<uint8_t> archive_labels;
  std::string config_path;              // bundle --config
  std::vector<std::string> default_args;  // bundle ... -- ARGS
};

struct PayloadFile {
  std::string name;
  int kind;  // embed::EntryKind value
  std::vector<uint8_t> bytes;
};

struct AppPayload {
  Settings settings;
  std::vector<PayloadFile> files;  // labels, vocabulary, config source, default args, settings JSON
};

// A `bundle --config` file, parsed: its settings (Source::kConfig), and the
// label and vocabulary files it names, as written (relative paths are
// relative to the config file's directory).
struct AppConfig {
  Settings settings;
  std::string labels_file, vocab_file;
};

// Parses config text (TOML, keys as in docs/APP.md). Every key must be
// known and its value of the right type and range. `name` goes into errors
// ("app.toml:3: ..."); errors are kBadInput.
Status parse_app_config(std::string_view text, const std::string& name, AppConfig* out);

// Reads metadata and the appended ZIP of `model`, the config file and label
// file, and resolves the settings. Errors name the file and the key at fault.
Status build_app_payload(std::span<const uint8_t> model, Interpreter& interp, const AppSources& sources,
                         AppPayload* out);

}  // namespace tfb
