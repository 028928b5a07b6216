// The app's settings: how inputs are prepared and outputs read. Each value
// remembers where it came from, and a value only replaces another from a
// source of lower precedence:
//
//   flag (this run) > bundle args (`bundle ... -- --top-k 3`) > config file
//   (`bundle --config`) > model metadata > derived from the model > default
//
// `bundle` resolves everything it can and stores the result in the payload
// (entry kind kAppConfig, as JSON); the app applies its flags on top.
// `APP --explain` prints every value with its source.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "interpreter/status.h"

namespace tfb {

enum class Source : int { kDefault = 0, kModel = 1, kMetadata = 2, kConfig = 3, kBundleArgs = 4, kFlag = 5 };
const char* source_name(Source s);
bool parse_source(const std::string& s, Source* out);

class Settings {
 public:
  // Sets key to value unless it already holds a value from a higher source.
  void set(const std::string& key, nlohmann::json value, Source source);
  bool has(const std::string& key) const { return values_.count(key) > 0; }
  const nlohmann::json& get(const std::string& key) const;
  Source source(const std::string& key) const;

  template <class T> T value_or(const std::string& key, T fallback) const {
    auto it = values_.find(key);
    if (it == values_.end()) return fallback;
    try {
      return it->second.value.get<T>();
    } catch (const nlohmann::json::exception&) {
      return fallback;
    }
  }

  // Every value of `other`, by the same precedence rule.
  void merge(const Settings& other) {
    for (const auto& [key, e] : other.values_) set(key, e.value, e.source);
  }

  // {"format": 1, "settings": {key: {"value": v, "source": "metadata"}}}
  std::string to_json() const;
  static Status from_json(std::string_view text, Settings* out);

  // "key = value  (source)" lines, sorted by key.
  std::string explain() const;

 private:
  struct Entry {
    nlohmann::json value;
    Source source;
  };
  std::map<std::string, Entry> values_;
};

// Setting keys, in one place so bundle and app cannot drift apart.
namespace setting {
inline constexpr const char* kTask = "task";                  // classification|detection|segmentation|values
inline constexpr const char* kInputKind = "input.kind";       // image|audio|text|tensor
inline constexpr const char* kImageChannels = "image.channels";
inline constexpr const char* kImageMean = "image.mean";       // [float], per channel or one for all
inline constexpr const char* kImageStd = "image.std";
inline constexpr const char* kImageResize = "image.resize";   // stretch|crop|pad
inline constexpr const char* kAudioRate = "audio.sample_rate";
inline constexpr const char* kAudioChannels = "audio.channels";
inline constexpr const char* kTextPattern = "text.delimiter_regex";
inline constexpr const char* kTextVocab = "text.vocab_entry";     // payload entry name
inline constexpr const char* kLabels = "labels.entry";            // payload entry name
inline constexpr const char* kLabelOffset = "labels.offset";      // label index = class + offset
inline constexpr const char* kTopK = "classify.top_k";
inline constexpr const char* kThreshold = "detect.threshold";
inline constexpr const char* kBoxOrder = "detect.box_order";      // indices of left, top, right, bottom
}  // namespace setting

}  // namespace tfb
