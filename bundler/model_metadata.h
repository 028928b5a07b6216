// What a model says about itself in its TFLite Metadata ("TFLITE_METADATA"):
// how to feed each input (image normalization, audio rate, tokenizer) and
// how to read each output (label files, boxes). Absent metadata is not an
// error; a corrupt one is.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "interpreter/status.h"
#include "schema/tflite_generated.h"

namespace tfb {

struct InputMetadata {
  std::string name;
  enum class Kind { kUnknown, kImage, kAudio, kText } kind = Kind::kUnknown;
  int color_channels = 0;  // image: 3 (RGB) or 1 (grayscale); 0 = unknown
  std::vector<float> mean, std;  // normalization (x - mean) / std
  int sample_rate = 0, audio_channels = 0;
  std::string delim_regex;  // text: RegexTokenizer pattern
  std::string vocab_file;   // text: vocabulary member of the appended ZIP
};

struct OutputMetadata {
  std::string name;
  std::string labels_file;  // TENSOR_AXIS_LABELS or TENSOR_VALUE_LABELS member
  bool value_labels = false;  // labels index tensor values (detector classes)
  bool boxes = false;
  std::vector<uint32_t> box_index;  // order of left, top, right, bottom
  bool image = false;               // e.g. a segmentation mask
  float score_threshold = -1;
};

struct ModelMetadata {
  bool present = false;
  std::string name, description, version, author, license;
  std::vector<InputMetadata> inputs;
  std::vector<OutputMetadata> outputs;
};

Status read_model_metadata(const tflfb::Model* model, ModelMetadata* out);

}  // namespace tfb
