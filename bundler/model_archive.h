// Models as model zoos publish them: a .zip, .tar.gz or .tar.zst holding a
// .tflite file and often its labels.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "interpreter/status.h"

namespace tfb {

struct ArchivedModel {
  std::string model_name;
  std::vector<uint8_t> model;
  std::string labels_name;  // empty when the archive has no label file
  std::vector<uint8_t> labels;
};

// True when `bytes` start like a ZIP, gzip, zstd or tar archive (a .tflite
// starts with its flatbuffer offset and "TFL3").
bool looks_like_archive(std::span<const uint8_t> bytes);

// Picks the model (`entry` names it when the archive holds several) and a
// label file (a .txt whose name contains "label"). Errors list the choices.
Status read_model_archive(std::span<const uint8_t> bytes, const std::string& entry, ArchivedModel* out);

}  // namespace tfb
