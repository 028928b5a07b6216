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

// Reads metadata and the appended ZIP of `model`, the config file and label
// file, and resolves the settings. Errors name the file and the key at fault.
Status build_app_payload(std::span<const uint8_t> model, Interpreter& interp, const AppSources& sources,
                         AppPayload* out);

}  // namespace tfb
