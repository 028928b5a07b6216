#include "bundler/app_settings.h"

#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "app/resolve.h"
#include "bundler/model_metadata.h"
#include "bundler/model_zip.h"
#include "embed/payload.h"

namespace tfb {

namespace fs = std::filesystem;
using embed::EntryKind;

namespace {

Status read_whole(const std::string& path, std::vector<uint8_t>* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error(ErrorKind::kIo, "cannot read %s", path.c_str());
  out->assign(std::istreambuf_iterator<char>(f), {});
  return OkStatus();
}

void add_file(AppPayload* out, std::string name, EntryKind kind, std::vector<uint8_t> bytes) {
  out->files.push_back({std::move(name), static_cast<int>(kind), std::move(bytes)});
}

// Settings the model's TFLite Metadata provides; files it names come from
// the ZIP appended to the model.
Status apply_metadata(std::span<const uint8_t> model, const Interpreter& interp, AppPayload* out) {
  ModelMetadata md;
  TFB_RETURN_IF_ERROR(read_model_metadata(interp.model().model, &md));
  if (!md.present) return OkStatus();
  std::map<std::string, std::vector<uint8_t>> zip;
  TFB_RETURN_IF_ERROR(read_appended_zip(model, &zip));
  auto take = [&](const std::string& member, EntryKind kind, const char* key) -> Status {
    auto it = zip.find(member);
    TFB_REQUIRE(it != zip.end(), "metadata names '%s' but the model's appended ZIP has no such file", member.c_str());
    add_file(out, member, kind, it->second);
    out->settings.set(key, member, Source::kMetadata);
    return OkStatus();
  };
  Settings& s = out->settings;
  if (!md.inputs.empty()) {
    const InputMetadata& in = md.inputs[0];
    if (in.kind == InputMetadata::Kind::kImage) {
      s.set(setting::kInputKind, "image", Source::kMetadata);
      if (in.color_channels) s.set(setting::kImageChannels, in.color_channels, Source::kMetadata);
      // Normalization metadata describes the float model; quantized inputs
      // take raw pixels (as TFLite's Task Library feeds them).
      if (interp.input(0).type == DType::kF32 && !in.mean.empty() && !in.std.empty()) {
        s.set(setting::kImageMean, in.mean, Source::kMetadata);
        s.set(setting::kImageStd, in.std, Source::kMetadata);
      }
    } else if (in.kind == InputMetadata::Kind::kAudio) {
      s.set(setting::kInputKind, "audio", Source::kMetadata);
      if (in.sample_rate) s.set(setting::kAudioRate, in.sample_rate, Source::kMetadata);
      if (in.audio_channels) s.set(setting::kAudioChannels, in.audio_channels, Source::kMetadata);
    } else if (in.kind == InputMetadata::Kind::kText) {
      s.set(setting::kInputKind, "text", Source::kMetadata);
      if (!in.delim_regex.empty()) s.set(setting::kTextPattern, in.delim_regex, Source::kMetadata);
      if (!in.vocab_file.empty()) TFB_RETURN_IF_ERROR(take(in.vocab_file, EntryKind::kVocab, setting::kTextVocab));
    }
  }
  for (const OutputMetadata& o : md.outputs) {
    if (!o.labels_file.empty() && !s.has(setting::kLabels)) TFB_RETURN_IF_ERROR(take(o.labels_file, EntryKind::kLabels, setting::kLabels));
    if (o.boxes && o.box_index.size() == 4)
      s.set(setting::kBoxOrder, std::vector<int>(o.box_index.begin(), o.box_index.end()), Source::kMetadata);
    if (o.score_threshold >= 0) s.set(setting::kThreshold, o.score_threshold, Source::kMetadata);
  }
  return OkStatus();
}

// Keys a config file may set: table.key as in the settings, plus the files.
const std::set<std::string> kConfigKeys = {
    setting::kTask,        setting::kInputKind,    setting::kImageChannels, setting::kImageMean,
    setting::kImageStd,    setting::kImageResize,  setting::kAudioRate,     setting::kAudioChannels,
    setting::kTextPattern, setting::kLabelOffset,  setting::kTopK,          setting::kThreshold,
    setting::kBoxOrder};

nlohmann::json toml_to_json(const toml::node& n) {
  if (auto* a = n.as_array()) {
    nlohmann::json j = nlohmann::json::array();
    for (const auto& e : *a) j.push_back(toml_to_json(e));
    return j;
  }
  if (auto v = n.value<int64_t>(); v && n.is_integer()) return *v;
  if (auto v = n.value<double>(); v && n.is_floating_point()) return *v;
  if (auto v = n.value<bool>()) return *v;
  if (auto v = n.value<std::string>()) return *v;
  return nullptr;
}

Status apply_config(const std::string& path, AppPayload* out) {
  std::vector<uint8_t> bytes;
  TFB_RETURN_IF_ERROR(read_whole(path, &bytes));
  std::string text(bytes.begin(), bytes.end());
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& e) {
    return Error(ErrorKind::kBadInput, "%s:%u: %s", path.c_str(), static_cast<unsigned>(e.source().begin.line),
                 std::string(e.description()).c_str());
  }
  add_file(out, "config" + fs::path(path).extension().string(), EntryKind::kSource, bytes);
  const fs::path dir = fs::path(path).parent_path();
  Status st;
  root.for_each([&](const toml::key& k1, const toml::node& v1) {
    auto visit = [&](const std::string& key, const toml::node& v) {
      if (!st.ok()) return;
      if (key == "labels.file" || key == "text.vocab") {
        auto file = v.value<std::string>();
        if (!file) { st = Error(ErrorKind::kBadInput, "%s: %s must be a file name", path.c_str(), key.c_str()); return; }
        std::vector<uint8_t> data;
        fs::path p = fs::path(*file).is_absolute() ? fs::path(*file) : dir / *file;
        st = read_whole(p.string(), &data);
        if (!st.ok()) return;
        const bool labels = key == "labels.file";
        std::string name = (labels ? "labels-" : "vocab-") + p.filename().string();
        add_file(out, name, labels ? EntryKind::kLabels : EntryKind::kVocab, std::move(data));
        out->settings.set(labels ? setting::kLabels : setting::kTextVocab, name, Source::kConfig);
        return;
      }
      if (!kConfigKeys.count(key)) { st = Error(ErrorKind::kBadInput, "%s: unknown setting '%s'", path.c_str(), key.c_str()); return; }
      out->settings.set(key, toml_to_json(v), Source::kConfig);
    };
    const std::string key1(k1.str());
    if (const auto* t = v1.as_table()) t->for_each([&](const toml::key& k2, const toml::node& v2) { visit(key1 + "." + std::string(k2.str()), v2); });
    else visit(key1, v1);
  });
  return st;
}

}  // namespace

Status build_app_payload(std::span<const uint8_t> model, Interpreter& interp, const AppSources& sources,
                         AppPayload* out) {
  *out = AppPayload();
  TFB_RETURN_IF_ERROR(apply_metadata(model, interp, out));
  if (!sources.archive_labels_name.empty() && !out->settings.has(setting::kLabels)) {
    std::string name = "labels-" + fs::path(sources.archive_labels_name).filename().string();
    add_file(out, name, EntryKind::kLabels, sources.archive_labels);
    out->settings.set(setting::kLabels, name, Source::kMetadata);
  }
  if (!sources.config_path.empty()) TFB_RETURN_IF_ERROR(apply_config(sources.config_path, out));
  if (!sources.labels_path.empty()) {
    std::vector<uint8_t> data;
    TFB_RETURN_IF_ERROR(read_whole(sources.labels_path, &data));
    std::string name = "labels-" + fs::path(sources.labels_path).filename().string();
    add_file(out, name, EntryKind::kLabels, std::move(data));
    out->settings.set(setting::kLabels, name, Source::kConfig);
  }
  bool has_vocab = out->settings.has(setting::kTextVocab);
  resolve_settings(interp, has_vocab, &out->settings);
  if (!sources.default_args.empty()) {
    std::string args;
    for (const auto& a : sources.default_args) args += a + "\n";
    add_file(out, "default-args.txt", EntryKind::kDefaultArgs, std::vector<uint8_t>(args.begin(), args.end()));
  }
  std::string json = out->settings.to_json();
  add_file(out, "settings.json", EntryKind::kAppConfig, std::vector<uint8_t>(json.begin(), json.end()));
  return OkStatus();
}

}  // namespace tfb
