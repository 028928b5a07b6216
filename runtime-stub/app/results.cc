#include "app/results.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "app/preprocess.h"

namespace tfb {

Labels::Labels(std::string_view text, int offset) : offset_(offset) {
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines_.emplace_back(line);
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
}

std::string Labels::at(int index) const {
  long i = static_cast<long>(index) + offset_;
  return i >= 0 && i < static_cast<long>(lines_.size()) ? lines_[static_cast<size_t>(i)] : std::string();
}

void classify(const Tensor& scores, const Labels& labels, int top_k, Result* r) {
  r->task = "classification";
  const int64_t n = scores.count();
  std::vector<int> order(static_cast<size_t>(n));
  std::iota(order.begin(), order.end(), 0);
  const int k = static_cast<int>(std::min<int64_t>(std::max(top_k, 1), n));
  std::partial_sort(order.begin(), order.begin() + k, order.end(),
                    [&](int a, int b) { return read_real(scores, a) > read_real(scores, b); });
  for (int i = 0; i < k; ++i)
    r->classes.push_back({order[i], static_cast<float>(read_real(scores, order[i])), labels.at(order[i])});
}

void detect(const Tensor& boxes, const Tensor& classes, const Tensor& scores, const Tensor& count,
            const Labels& labels, float threshold, const std::vector<int>& box_order, int image_width,
            int image_height, Result* r) {
  r->task = "detection";
  const int64_t max_n = std::min({boxes.count() / 4, classes.count(), scores.count()});
  const int64_t n = std::clamp<int64_t>(count.count() > 0 ? std::llround(read_real(count, 0)) : max_n, 0, max_n);
  const float sx = image_width > 0 ? static_cast<float>(image_width) : 1.f;
  const float sy = image_height > 0 ? static_cast<float>(image_height) : 1.f;
  for (int64_t i = 0; i < n; ++i) {
    const float score = static_cast<float>(read_real(scores, i));
    if (score < threshold) continue;
    auto coord = [&](int which) { return std::clamp(static_cast<float>(read_real(boxes, i * 4 + box_order[which])), 0.f, 1.f); };
    const int cls = static_cast<int>(std::lround(read_real(classes, i)));
    r->detections.push_back({cls, score, labels.at(cls), coord(0) * sx, coord(1) * sy, coord(2) * sx, coord(3) * sy});
  }
}

void segment(const Tensor& logits, const Labels& labels, int image_width, int image_height, Result* r) {
  r->task = "segmentation";
  const int h = logits.dim(1), w = logits.dim(2), c = logits.dim(3);
  Image small;
  small.width = w, small.height = h, small.channels = 1;
  small.pixels.resize(static_cast<size_t>(w) * h);
  for (int64_t p = 0; p < int64_t{w} * h; ++p) {
    int best = 0;
    double best_v = read_real(logits, p * c);
    for (int k = 1; k < c; ++k) {
      double v = read_real(logits, p * c + k);
      if (v > best_v) best_v = v, best = k;
    }
    small.pixels[static_cast<size_t>(p)] = static_cast<uint8_t>(std::min(best, 255));
  }
  // Nearest-neighbour back to the original size: class ids must not blend.
  const int ow = image_width > 0 ? image_width : w, oh = image_height > 0 ? image_height : h;
  r->mask.width = ow, r->mask.height = oh, r->mask.channels = 1;
  r->mask.pixels.resize(static_cast<size_t>(ow) * oh);
  for (int y = 0; y < oh; ++y)
    for (int x = 0; x < ow; ++x)
      r->mask.pixels[static_cast<size_t>(y) * ow + x] = small.at(std::min(w - 1, x * w / ow), std::min(h - 1, y * h / oh), 0);
  r->mask_width = ow, r->mask_height = oh;
  std::vector<int64_t> hist(256, 0);
  for (uint8_t p : r->mask.pixels) ++hist[p];
  for (int k = 0; k < 256; ++k) {
    if (!hist[k]) continue;
    float frac = static_cast<float>(hist[k]) / static_cast<float>(r->mask.pixels.size());
    r->classes.push_back({k, frac, labels.at(k)});
  }
  std::sort(r->classes.begin(), r->classes.end(), [](const ClassScore& a, const ClassScore& b) { return a.score > b.score; });
}

void values(const std::vector<const Tensor*>& outputs, Result* r) {
  r->task = "values";
  for (const Tensor* t : outputs) {
    OutputValues& o = r->outputs.emplace_back();
    o.name = t->name;
    for (int d = 0; d < t->rank(); ++d) o.shape.push_back(t->dim(d));
    o.values.resize(static_cast<size_t>(t->count()));
    for (int64_t i = 0; i < t->count(); ++i) o.values[static_cast<size_t>(i)] = read_real(*t, i);
  }
}

namespace {
std::string label_or_index(const std::string& label, int index) {
  return label.empty() ? "class " + std::to_string(index) : label;
}
}  // namespace

std::string format_text(const Result& r) {
  std::string out = r.input + ":\n";
  char buf[256];
  if (r.task == "classification") {
    for (const auto& c : r.classes) {
      if (c.label.empty()) std::snprintf(buf, sizeof(buf), "  class %-26d %.4f\n", c.index, c.score);
      else std::snprintf(buf, sizeof(buf), "  %-32s %.4f  (class %d)\n", c.label.c_str(), c.score, c.index);
      out += buf;
    }
  } else if (r.task == "detection") {
    if (r.detections.empty()) out += "  nothing detected\n";
    for (const auto& d : r.detections) {
      std::snprintf(buf, sizeof(buf), "  %-16s %.3f  box x=%.0f..%.0f y=%.0f..%.0f\n", label_or_index(d.label, d.class_id).c_str(),
                    d.score, d.xmin, d.xmax, d.ymin, d.ymax);
      out += buf;
    }
  } else if (r.task == "segmentation") {
    std::snprintf(buf, sizeof(buf), "  mask %dx%d\n", r.mask_width, r.mask_height);
    out += buf;
    for (const auto& c : r.classes) {
      std::snprintf(buf, sizeof(buf), "  %-24s %5.1f%% of pixels\n", label_or_index(c.label, c.index).c_str(), 100.0 * c.score);
      out += buf;
    }
  } else {
    for (const auto& o : r.outputs) {
      const auto& v = o.values;
      out += "  " + o.name + " " + nlohmann::json(o.shape).dump() + ":";
      const size_t shown = std::min<size_t>(v.size(), 16);
      for (size_t i = 0; i < shown; ++i) {
        std::snprintf(buf, sizeof(buf), " %.6g", v[i]);
        out += buf;
      }
      if (v.size() > shown) out += " ... (" + std::to_string(v.size()) + " values)";
      out += "\n";
    }
  }
  return out;
}

nlohmann::json format_json(const Result& r) {
  nlohmann::json j = {{"input", r.input}, {"task", r.task}, {"inference_ms", r.inference_ms}};
  if (r.task == "classification") {
    j["classes"] = nlohmann::json::array();
    for (const auto& c : r.classes) j["classes"].push_back({{"index", c.index}, {"label", c.label}, {"score", c.score}});
  } else if (r.task == "detection") {
    j["detections"] = nlohmann::json::array();
    for (const auto& d : r.detections)
      j["detections"].push_back({{"class", d.class_id}, {"label", d.label}, {"score", d.score},
                                 {"box", {{"xmin", d.xmin}, {"ymin", d.ymin}, {"xmax", d.xmax}, {"ymax", d.ymax}}}});
  } else if (r.task == "segmentation") {
    j["width"] = r.mask_width;
    j["height"] = r.mask_height;
    j["classes"] = nlohmann::json::array();
    for (const auto& c : r.classes) j["classes"].push_back({{"index", c.index}, {"label", c.label}, {"fraction", c.score}});
  } else {
    j["outputs"] = nlohmann::json::array();
    for (const auto& o : r.outputs)
      j["outputs"].push_back({{"name", o.name}, {"shape", o.shape}, {"values", o.values}});
  }
  return j;
}

}  // namespace tfb
