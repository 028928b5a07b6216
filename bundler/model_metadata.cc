#include "bundler/model_metadata.h"

#include "flatbuffers/flatbuffers.h"
#include "metadata/tflite_metadata_generated.h"

namespace tfb {

namespace {

std::string str(const flatbuffers::String* s) { return s ? s->str() : std::string(); }

std::vector<float> floats(const flatbuffers::Vector<float>* v) {
  return v ? std::vector<float>(v->begin(), v->end()) : std::vector<float>();
}

void read_input(const tflmeta::TensorMetadata* t, InputMetadata* in) {
  in->name = str(t->name());
  if (const auto* content = t->content()) {
    if (const auto* img = content->content_properties_as_ImageProperties()) {
      in->kind = InputMetadata::Kind::kImage;
      if (img->color_space() == tflmeta::ColorSpaceType_RGB) in->color_channels = 3;
      if (img->color_space() == tflmeta::ColorSpaceType_GRAYSCALE) in->color_channels = 1;
    } else if (const auto* audio = content->content_properties_as_AudioProperties()) {
      in->kind = InputMetadata::Kind::kAudio;
      in->sample_rate = static_cast<int>(audio->sample_rate());
      in->audio_channels = static_cast<int>(audio->channels());
    }
  }
  if (const auto* units = t->process_units()) {
    for (const auto* unit : *units) {
      if (const auto* norm = unit->options_as_NormalizationOptions()) {
        in->mean = floats(norm->mean());
        in->std = floats(norm->std());
      } else if (const auto* regex = unit->options_as_RegexTokenizerOptions()) {
        in->kind = InputMetadata::Kind::kText;
        in->delim_regex = str(regex->delim_regex_pattern());
        if (regex->vocab_file() && regex->vocab_file()->size() > 0) in->vocab_file = str(regex->vocab_file()->Get(0)->name());
      }
    }
  }
}

void read_output(const tflmeta::TensorMetadata* t, OutputMetadata* out) {
  out->name = str(t->name());
  if (const auto* files = t->associated_files()) {
    for (const auto* f : *files) {
      // The first label file wins; others differ by locale.
      if (!out->labels_file.empty()) break;
      if (f->type() == tflmeta::AssociatedFileType_TENSOR_AXIS_LABELS) out->labels_file = str(f->name());
      if (f->type() == tflmeta::AssociatedFileType_TENSOR_VALUE_LABELS) {
        out->labels_file = str(f->name());
        out->value_labels = true;
      }
    }
  }
  if (const auto* content = t->content()) {
    if (const auto* box = content->content_properties_as_BoundingBoxProperties()) {
      out->boxes = true;
      if (box->index()) out->box_index.assign(box->index()->begin(), box->index()->end());
    }
    if (content->content_properties_as_ImageProperties()) out->image = true;
  }
  if (const auto* units = t->process_units())
    for (const auto* unit : *units)
      if (const auto* th = unit->options_as_ScoreThresholdingOptions()) out->score_threshold = th->global_score_threshold();
}

}  // namespace

Status read_model_metadata(const tflfb::Model* model, ModelMetadata* out) {
  *out = ModelMetadata();
  if (!model->metadata() || !model->buffers()) return OkStatus();
  for (const auto* m : *model->metadata()) {
    if (!m->name() || m->name()->str() != "TFLITE_METADATA") continue;
    TFB_REQUIRE(m->buffer() < model->buffers()->size(), "TFLITE_METADATA refers to missing buffer %u", m->buffer());
    const auto* data = model->buffers()->Get(m->buffer())->data();
    TFB_REQUIRE(data && data->size() >= 8, "TFLITE_METADATA buffer is empty");
    flatbuffers::Verifier verifier(data->data(), data->size());
    TFB_REQUIRE(tflmeta::VerifyModelMetadataBuffer(verifier),
                "TFLITE_METADATA is corrupt (not an \"M001\" metadata flatbuffer)");
    const auto* md = tflmeta::GetModelMetadata(data->data());
    out->present = true;
    out->name = str(md->name());
    out->description = str(md->description());
    out->version = str(md->version());
    out->author = str(md->author());
    out->license = str(md->license());
    if (md->subgraph_metadata() && md->subgraph_metadata()->size() > 0) {
      const auto* sg = md->subgraph_metadata()->Get(0);
      if (sg->input_tensor_metadata())
        for (const auto* t : *sg->input_tensor_metadata()) read_input(t, &out->inputs.emplace_back());
      if (sg->output_tensor_metadata())
        for (const auto* t : *sg->output_tensor_metadata()) read_output(t, &out->outputs.emplace_back());
    }
    break;
  }
  return OkStatus();
}

}  // namespace tfb
