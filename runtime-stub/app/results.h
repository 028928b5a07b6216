// Reading outputs as answers: classes with scores, detected boxes, a
// segmentation mask, or plain values; and printing them as text or as one
// JSON object per input (schema in docs/APP.md).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/image.h"
#include "interpreter/tensor.h"

namespace tfb {

struct ClassScore {
  int index;
  float score;
  std::string label;
};

struct Detection {
  int class_id;
  float score;
  std::string label;
  float xmin, ymin, xmax, ymax;  // pixels of the original image (or 0..1 when unknown)
};

struct OutputValues {
  std::string name;
  std::vector<int> shape;
  std::vector<double> values;  // dequantized
};

struct Result {
  std::string input;  // file name as given
  std::string task;   // classification | detection | segmentation | values
  std::vector<ClassScore> classes;    // classification; segmentation: classes present
  std::vector<Detection> detections;  // detection
  int mask_width = 0, mask_height = 0;
  Image mask;                         // segmentation: class index per pixel
  std::vector<OutputValues> outputs;  // values: every output, whole
  double inference_ms = 0;
};

class Labels {
 public:
  Labels() = default;
  explicit Labels(std::string_view text, int offset = 0);
  // Label of class `index` ("" when unknown).
  std::string at(int index) const;
  size_t size() const { return lines_.size(); }

 private:
  std::vector<std::string> lines_;
  int offset_ = 0;
};

// Top-k classes of a [.., C] score tensor (dequantized).
void classify(const Tensor& scores, const Labels& labels, int top_k, Result* r);
// SSD post-processing outputs: boxes [1,N,4] (box_order gives the index of
// left, top, right, bottom), classes [1,N], scores [1,N], count [1].
void detect(const Tensor& boxes, const Tensor& classes, const Tensor& scores, const Tensor& count,
            const Labels& labels, float threshold, const std::vector<int>& box_order, int image_width,
            int image_height, Result* r);
// Per-pixel argmax of a [1,H,W,C] tensor, scaled back to the image size.
void segment(const Tensor& logits, const Labels& labels, int image_width, int image_height, Result* r);
// Every output's values (text shows the first 16 of each; JSON all of them).
void values(const std::vector<const Tensor*>& outputs, Result* r);

std::string format_text(const Result& r);
nlohmann::json format_json(const Result& r);

}  // namespace tfb
