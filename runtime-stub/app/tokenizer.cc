#include "app/tokenizer.h"

#include <cctype>
#include <charconv>

namespace tfb {

namespace {
constexpr size_t kMaxTextBytes = 1 << 16;

using CharSet = std::array<bool, 256>;

// Adds the class of escape letter `c` (\w, \s, \d and negations, or an
// escaped literal) to `set`. False for escapes with other meanings (\b...).
bool add_escape(char c, CharSet& set) {
  auto add_if = [&](auto pred, bool negate) {
    for (int b = 0; b < 256; ++b)
      if ((b < 128 && pred(b)) != negate) set[b] = true;
  };
  auto word = [](int b) { return std::isalnum(b) || b == '_'; };
  auto space = [](int b) { return b == ' ' || (b >= '\t' && b <= '\r'); };
  auto digit = [](int b) { return b >= '0' && b <= '9'; };
  switch (c) {
    case 'w': add_if(word, false); return true;
    case 'W': add_if(word, true); return true;
    case 's': add_if(space, false); return true;
    case 'S': add_if(space, true); return true;
    case 'd': add_if(digit, false); return true;
    case 'D': add_if(digit, true); return true;
    case 'n': set['\n'] = true; return true;
    case 't': set['\t'] = true; return true;
    case 'r': set['\r'] = true; return true;
    case 'f': set['\f'] = true; return true;
    case 'v': set['\v'] = true; return true;
    default:
      if (std::isalnum(static_cast<unsigned char>(c))) return false;
      set[static_cast<unsigned char>(c)] = true;  // \' \. \- ...
      return true;
  }
}

// Parses "[...]", "[^...]", "\x" or a plain character, then an optional
// '+' or '*', into the set of delimiter bytes.
bool parse_delimiters(std::string_view p, CharSet* out) {
  CharSet set{};
  size_t i = 0;
  if (p.empty()) return false;
  if (p[0] == '[') {
    bool negate = p.size() > 1 && p[1] == '^';
    i = negate ? 2 : 1;
    bool any = false;
    while (i < p.size() && (p[i] != ']' || !any)) {
      if (p[i] == '\\') {
        if (i + 1 >= p.size() || !add_escape(p[i + 1], set)) return false;
        i += 2;
      } else if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
        unsigned char lo = static_cast<unsigned char>(p[i]), hi = static_cast<unsigned char>(p[i + 2]);
        if (lo > hi || p[i + 2] == '\\') return false;
        for (int b = lo; b <= hi; ++b) set[b] = true;
        i += 3;
      } else {
        set[static_cast<unsigned char>(p[i])] = true;
        ++i;
      }
      any = true;
    }
    if (i >= p.size()) return false;  // no closing ']'
    ++i;
    if (negate)
      for (bool& b : set) b = !b;
  } else if (p[0] == '\\') {
    if (p.size() < 2 || !add_escape(p[1], set)) return false;
    i = 2;
  } else {
    if (std::string_view("()|?{}+*.^$").find(p[0]) != std::string_view::npos) return false;
    set[static_cast<unsigned char>(p[0])] = true;
    i = 1;
  }
  if (i < p.size() && (p[i] == '+' || p[i] == '*')) ++i;
  if (i != p.size()) return false;
  *out = set;
  return true;
}

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
  if (!parse_delimiters(pattern, &out->delimiter_))
    return Error(ErrorKind::kUnsupported,
                 "tokenizer delimiter pattern '%.64s' is not supported: it must be one character class such as "
                 "[^\\w\\']+ or \\s+",
                 pattern.c_str());
  return OkStatus();
}

std::vector<std::string> RegexTokenizer::split(std::string_view text) const {
  std::vector<std::string> words;
  // Models take a few hundred tokens: the rest of a long text is not read.
  text = text.substr(0, kMaxTextBytes);
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && !delimiter_[static_cast<unsigned char>(text[i])]) continue;
    if (i > start) words.emplace_back(text.substr(start, i - start));
    start = i + 1;
  }
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
