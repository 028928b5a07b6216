#include "app/resolve.h"

#include "app/preprocess.h"

namespace tfb {

bool ends_in_detection_postprocess(const Interpreter& interp) {
  const Subgraph& g = interp.main();
  for (const Node& n : g.nodes) {
    if (!n.kernel->custom_name || std::string_view(n.kernel->custom_name) != "TFLite_Detection_PostProcess") continue;
    return n.outputs.size() == 4 && g.outputs.size() == 4 && std::equal(n.outputs.begin(), n.outputs.end(), g.outputs.begin());
  }
  return false;
}

namespace {

std::string input_kind(Interpreter& interp, bool has_vocab, const Settings& s) {
  if (s.has(setting::kInputKind)) return s.value_or<std::string>(setting::kInputKind, "tensor");
  if (interp.num_inputs() != 1) return "tensor";
  const Tensor& in = interp.input(0);
  ImageGeometry g;
  if ((in.type == DType::kI32 || in.type == DType::kI64) && has_vocab) return "text";
  if ((in.type == DType::kF32 || in.type == DType::kU8 || in.type == DType::kI8) && image_geometry(in.shape, &g) &&
      g.height >= 8 && g.width >= 8)
    return "image";
  return "tensor";
}

std::string task(Interpreter& interp, const std::string& kind) {
  if (ends_in_detection_postprocess(interp)) return "detection";
  if (interp.num_outputs() != 1) return "values";
  const Tensor& out = interp.output(0);
  if (out.rank() >= 1 && out.count() == out.dim(out.rank() - 1) && out.count() >= 2) return "classification";
  if (kind == "image" && out.rank() == 4 && out.dim(0) == 1 && out.dim(1) > 1 && out.dim(2) > 1 && out.dim(3) >= 2)
    return "segmentation";
  return "values";
}

}  // namespace

void resolve_settings(Interpreter& interp, bool has_vocab, Settings* s) {
  const std::string kind = input_kind(interp, has_vocab, *s);
  s->set(setting::kInputKind, kind, Source::kModel);
  s->set(setting::kTask, task(interp, kind), Source::kModel);

  if (kind == "image") {
    const Tensor& in = interp.input(0);
    ImageGeometry g;
    image_geometry(in.shape, &g);
    s->set(setting::kImageChannels, g.channels, Source::kModel);
    float mean = 0.f, std = 255.f;  // float inputs: pixels scaled to [0, 1]
    if (in.type != DType::kF32) full_range_normalization(in, &mean, &std);
    s->set(setting::kImageMean, std::vector<float>{mean}, Source::kDefault);
    s->set(setting::kImageStd, std::vector<float>{std}, Source::kDefault);
    s->set(setting::kImageResize, "stretch", Source::kDefault);
  } else if (kind == "audio") {
    s->set(setting::kAudioChannels, 1, Source::kDefault);
  } else if (kind == "text") {
    s->set(setting::kTextPattern, "[^\\w\\']+", Source::kDefault);
  }

  const std::string t = s->value_or<std::string>(setting::kTask, "values");
  if (t == "classification") s->set(setting::kTopK, 5, Source::kDefault);
  if (t == "detection") {
    s->set(setting::kThreshold, 0.3, Source::kDefault);
    // TFLite_Detection_PostProcess writes ymin, xmin, ymax, xmax.
    s->set(setting::kBoxOrder, std::vector<int>{1, 0, 3, 2}, Source::kModel);
  }
  if (s->has(setting::kLabels)) s->set(setting::kLabelOffset, 0, Source::kDefault);
}

}  // namespace tfb
