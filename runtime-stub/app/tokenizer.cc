#include "app/tokenizer.h"

#include <charconv>
#include <regex>

namespace tfb {

namespace {
constexpr size_t kMaxTextBytes = 1 << 16;
}  // namespace

Status RegexTokenizer::create(std::string_view vocab, const std::string& pattern, RegexTokenizer* out) {
  out->ids_.clear();
  size_t line_no = 0;
  while (!vocab.empty()) {
    size_t nl = vocab.find('\n');
    std::string_view line = vocab.substr(0, nl);
    vocab = nl == std::string_view::npos ? std::string_view() : vocab.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    size_t sp = line.rfind(' ');
    int32_t id = 0;
    if (sp == std::string_view::npos ||
        std::from_chars(line.data() + sp + 1, line.data() + line.size(), id).ec != std::errc() || id < 0)
      return Error(ErrorKind::kInvalidModel, "vocabulary line %zu is not \"word id\"", line_no);
    out->ids_.emplace(std::string(line.substr(0, sp)), id);
  }
  auto special = [&](const char* tok) {
    auto it = out->ids_.find(tok);
    return it == out->ids_.end() ? -1 : it->second;
  };
  out->start_ = special("<START>");
  out->unknown_ = special("<UNKNOWN>");
  out->pad_ = std::max(special("<PAD>"), 0);
  try {
    std::regex check(pattern);
  } catch (const std::regex_error&) {
    return Error(ErrorKind::kInvalidModel, "tokenizer pattern '%s' is not a valid regular expression", pattern.c_str());
  }
  out->pattern_ = pattern;
  return OkStatus();
}

std::vector<std::string> RegexTokenizer::split(std::string_view text) const {
  const std::regex delim(pattern_);
  std::vector<std::string> words;
  // Models take a few hundred tokens; bounding the text also bounds the
  // regex engine's work and stack depth.
  std::string s(text.substr(0, kMaxTextBytes));
  for (std::sregex_token_iterator it(s.begin(), s.end(), delim, -1), end; it != end; ++it)
    if (it->length() > 0) words.push_back(it->str());
  return words;
}

std::vector<int32_t> RegexTokenizer::encode(std::string_view text, size_t length) const {
  std::vector<int32_t> ids;
  ids.reserve(length);
  if (start_ >= 0) ids.push_back(start_);
  for (const std::string& w : split(text)) {
    if (ids.size() >= length) break;
    auto it = ids_.find(w);
    ids.push_back(it != ids_.end() ? it->second : unknown_ >= 0 ? unknown_ : pad_);
  }
  ids.resize(length, pad_);
  return ids;
}

}  // namespace tfb
