#include "bundler/app_settings.h"

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

#include "app/resolve.h"
#include "app/tokenizer.h"
#include "bundler/model_metadata.h"
#include "bundler/model_zip.h"
#include "embed/file_util.h"
#include "embed/payload.h"

namespace tfb {

namespace fs = std::filesystem;
using embed::EntryKind;

namespace {

// Reads a file given to `bundle` (a missing one is bad input, exit 3).
Status read_whole(const std::string& path, std::vector<uint8_t>* out) {
  embed::MappedFile file;
  if (auto e = embed::MappedFile::open(path, &file); !e.ok()) return Status(ErrorKind::kBadInput, e.message);
  out->assign(file.bytes().begin(), file.bytes().end());
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

// What a config value must be, per key.
enum class Kind { kString, kInt, kNumber, kNumbers, kBoxOrder };
struct KeyRule {
  Kind kind;
  double lo = 0, hi = 0;                  // kInt, kNumber: inclusive range
  std::vector<std::string> choices = {};  // kString: allowed values (any when empty)
};

const std::map<std::string, KeyRule>& config_rules() {
  static const std::map<std::string, KeyRule> rules = {
      {setting::kTask, {Kind::kString, 0, 0, {"classification", "detection", "segmentation", "values"}}},
      {setting::kInputKind, {Kind::kString, 0, 0, {"image", "audio", "text", "tensor"}}},
      {setting::kImageChannels, {Kind::kInt, 1, 3}},
      {setting::kImageMean, {Kind::kNumbers}},
      {setting::kImageStd, {Kind::kNumbers}},
      {setting::kImageResize, {Kind::kString, 0, 0, {"stretch", "crop", "pad"}}},
      {setting::kAudioRate, {Kind::kInt, 100, 1000000}},
      {setting::kAudioChannels, {Kind::kInt, 1, 64}},
      {setting::kTextPattern, {Kind::kString}},
      {setting::kLabelOffset, {Kind::kInt, -1000, 1000}},
      {setting::kTopK, {Kind::kInt, 1, 100000}},
      {setting::kThreshold, {Kind::kNumber, 0, 1}},
      {setting::kBoxOrder, {Kind::kBoxOrder}},
  };
  return rules;
}

// The value as the app reads it, or an error message.
std::string convert(const toml::node& v, const KeyRule& rule, nlohmann::json* out) {
  switch (rule.kind) {
    case Kind::kString: {
      auto s = v.value_exact<std::string>();
      if (!s) return "must be a string";
      if (!rule.choices.empty() && std::find(rule.choices.begin(), rule.choices.end(), *s) == rule.choices.end()) {
        std::string list;
        for (const auto& c : rule.choices) list += (list.empty() ? "" : ", ") + c;
        return "must be one of " + list;
      }
      *out = *s;
      return "";
    }
    case Kind::kInt: {
      auto i = v.value_exact<int64_t>();
      if (!i || *i < rule.lo || *i > rule.hi) return strfmt("must be an integer from %g to %g", rule.lo, rule.hi);
      *out = *i;
      return "";
    }
    case Kind::kNumber: {
      auto d = v.value<double>();  // integers convert
      if (!d || !(*d >= rule.lo && *d <= rule.hi)) return strfmt("must be a number from %g to %g", rule.lo, rule.hi);
      *out = *d;
      return "";
    }
    case Kind::kNumbers: {
      std::vector<float> values;
      if (auto d = v.value<double>()) {
        values.push_back(static_cast<float>(*d));
      } else if (const auto* a = v.as_array(); a && a->size() >= 1 && a->size() <= 4) {
        for (const auto& e : *a) {
          auto x = e.value<double>();
          if (!x) return "must be a number or an array of 1 to 4 numbers";
          values.push_back(static_cast<float>(*x));
        }
      } else {
        return "must be a number or an array of 1 to 4 numbers";
      }
      for (float x : values)
        if (!std::isfinite(x)) return "must hold finite numbers";
      *out = values;
      return "";
    }
    case Kind::kBoxOrder: {
      const auto* a = v.as_array();
      std::vector<int> order;
      if (a && a->size() == 4)
        for (const auto& e : *a)
          if (auto i = e.value_exact<int64_t>(); i && *i >= 0 && *i <= 3) order.push_back(static_cast<int>(*i));
      std::vector<int> sorted = order;
      std::sort(sorted.begin(), sorted.end());
      if (sorted != std::vector<int>{0, 1, 2, 3}) return "must list 0, 1, 2 and 3 in some order";
      *out = order;
      return "";
    }
  }
  return "has an unknown kind";
}

Status apply_config(const std::string& path, AppPayload* out) {
  std::vector<uint8_t> bytes;
  TFB_RETURN_IF_ERROR(read_whole(path, &bytes));
  AppConfig config;
  TFB_RETURN_IF_ERROR(parse_app_config(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                                       path, &config));
  add_file(out, "config" + fs::path(path).extension().string(), EntryKind::kSource, bytes);
  out->settings.merge(config.settings);
  const fs::path dir = fs::path(path).parent_path();
  for (bool labels : {true, false}) {
    const std::string& file = labels ? config.labels_file : config.vocab_file;
    if (file.empty()) continue;
    fs::path p = fs::path(file).is_absolute() ? fs::path(file) : dir / file;
    std::vector<uint8_t> data;
    TFB_RETURN_IF_ERROR(read_whole(p.string(), &data).prefixed(path + ": "));
    std::string name = (labels ? "labels-" : "vocab-") + p.filename().string();
    add_file(out, name, labels ? EntryKind::kLabels : EntryKind::kVocab, std::move(data));
    out->settings.set(labels ? setting::kLabels : setting::kTextVocab, name, Source::kConfig);
  }
  return OkStatus();
}

}  // namespace

Status parse_app_config(std::string_view text, const std::string& name, AppConfig* out) {
  *out = AppConfig();
  toml::table root;
  try {
    root = toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    return Error(ErrorKind::kBadInput, "%s:%u: %s", name.c_str(), static_cast<unsigned>(e.source().begin.line),
                 std::string(e.description()).c_str());
  }
  Status st;
  auto visit = [&](const std::string& key, const toml::node& v) {
    if (!st.ok()) return;
    const unsigned line = static_cast<unsigned>(v.source().begin.line);
    if (key == "labels.file" || key == "text.vocab") {
      auto file = v.value_exact<std::string>();
      if (!file || file->empty() || file->find('\0') != std::string::npos) {
        st = Error(ErrorKind::kBadInput, "%s:%u: %s must be a file name", name.c_str(), line, key.c_str());
        return;
      }
      (key == "labels.file" ? out->labels_file : out->vocab_file) = *file;
      return;
    }
    auto rule = config_rules().find(key);
    if (rule == config_rules().end()) {
      st = Error(ErrorKind::kBadInput, "%s:%u: unknown setting '%s'", name.c_str(), line, key.c_str());
      return;
    }
    nlohmann::json value;
    if (std::string why = convert(v, rule->second, &value); !why.empty()) {
      st = Error(ErrorKind::kBadInput, "%s:%u: %s %s", name.c_str(), line, key.c_str(), why.c_str());
      return;
    }
    if (key == setting::kTextPattern) {
      RegexTokenizer probe;
      if (Status bad = RegexTokenizer::create("", value.get<std::string>(), &probe); !bad.ok()) {
        st = Error(ErrorKind::kBadInput, "%s:%u: %s: %s", name.c_str(), line, key.c_str(), bad.message().c_str());
        return;
      }
    }
    out->settings.set(key, std::move(value), Source::kConfig);
  };
  root.for_each([&](const toml::key& k1, const toml::node& v1) {
    const std::string key1(k1.str());
    if (const auto* t = v1.as_table())
      t->for_each([&](const toml::key& k2, const toml::node& v2) { visit(key1 + "." + std::string(k2.str()), v2); });
    else
      visit(key1, v1);
  });
  return st;
}

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
  if (out->settings.has(setting::kTextPattern)) {
    // A pattern from the model's metadata is checked here, not on the user's machine.
    RegexTokenizer probe;
    TFB_RETURN_IF_ERROR(
        RegexTokenizer::create("", out->settings.value_or<std::string>(setting::kTextPattern, ""), &probe));
  }
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
