// Text in: the regex word tokenizer of TFLite's text classifiers (as in the
// Task Library's RegexTokenizer): split on a delimiter pattern, look each
// word up in the bundled vocabulary (case-sensitive), start with <START>,
// map misses to <UNKNOWN>, fill with <PAD> to the model's length.
//
// The pattern comes from an untrusted model, and a general regex engine
// (std::regex) overflows the stack on a long run of delimiters and takes
// exponential time on some patterns. Delimiter patterns are in practice one
// character class, so that is what is supported: "[^\w']+", "\s+",
// "[ ,.!?]+", "\W", ... (ASCII classes; '+' or '*' or nothing after it
// splits alike). Splitting is then a linear scan.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "interpreter/status.h"

namespace tfb {

class RegexTokenizer {
 public:
  // vocab: lines of "word id". pattern: one character class of delimiters.
  static Status create(std::string_view vocab, const std::string& pattern, RegexTokenizer* out);
  // Token ids for `text`, exactly `length` long (truncated or padded).
  std::vector<int32_t> encode(std::string_view text, size_t length) const;
  std::vector<std::string> split(std::string_view text) const;

 private:
  std::unordered_map<std::string, int32_t> ids_;
  std::array<bool, 256> delimiter_{};
  int32_t start_ = -1, unknown_ = -1, pad_ = 0;
};

}  // namespace tfb
