#include "app/settings.h"

namespace tfb {

namespace {
constexpr int kFormat = 1;
constexpr const char* kSourceNames[] = {"default", "model", "metadata", "config", "bundle args", "flag"};
}  // namespace

const char* source_name(Source s) { return kSourceNames[static_cast<int>(s)]; }

bool parse_source(const std::string& s, Source* out) {
  for (int i = 0; i < 6; ++i)
    if (s == kSourceNames[i]) {
      *out = static_cast<Source>(i);
      return true;
    }
  return false;
}

void Settings::set(const std::string& key, nlohmann::json value, Source source) {
  auto it = values_.find(key);
  if (it != values_.end() && it->second.source > source) return;
  values_[key] = Entry{std::move(value), source};
}

const nlohmann::json& Settings::get(const std::string& key) const {
  static const nlohmann::json null;
  auto it = values_.find(key);
  return it == values_.end() ? null : it->second.value;
}

Source Settings::source(const std::string& key) const {
  auto it = values_.find(key);
  return it == values_.end() ? Source::kDefault : it->second.source;
}

std::string Settings::to_json() const {
  nlohmann::json j;
  j["format"] = kFormat;
  j["settings"] = nlohmann::json::object();
  for (const auto& [key, e] : values_) j["settings"][key] = {{"value", e.value}, {"source", source_name(e.source)}};
  return j.dump(1);
}

Status Settings::from_json(std::string_view text, Settings* out) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Error(ErrorKind::kInvalidModel, "app config is not valid JSON");
  const auto format = j.find("format");
  if (format == j.end() || !format->is_number_integer() || format->get<int64_t>() != kFormat)
    return Error(ErrorKind::kInvalidModel, "app config format is missing or not %d", kFormat);
  const auto& s = j["settings"];
  if (!s.is_object()) return Error(ErrorKind::kInvalidModel, "app config has no settings object");
  *out = Settings();
  for (auto it = s.begin(); it != s.end(); ++it) {
    Source src;
    const auto value = it->is_object() ? it->find("value") : it->end();
    const auto source = it->is_object() ? it->find("source") : it->end();
    if (value == it->end() || source == it->end() || !source->is_string() ||
        !parse_source(source->get<std::string>(), &src))
      return Error(ErrorKind::kInvalidModel, "app config setting '%s' is malformed", it.key().c_str());
    out->values_[it.key()] = Entry{*value, src};
  }
  return OkStatus();
}

std::string Settings::explain() const {
  size_t width = 0;
  for (const auto& [key, e] : values_) width = std::max(width, key.size());
  std::string out;
  for (const auto& [key, e] : values_) {
    std::string v = e.value.is_string() ? e.value.get<std::string>() : e.value.dump();
    out += key + std::string(width - key.size() + 2, ' ') + v + "  (" + source_name(e.source) + ")\n";
  }
  return out;
}

}  // namespace tfb
