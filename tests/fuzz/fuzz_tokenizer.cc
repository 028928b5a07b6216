// libFuzzer target: the text tokenizer. Input: the delimiter pattern up to
// the first newline, then the vocabulary, a NUL, and the text to encode.
#include <string_view>

#include "app/tokenizer.h"
#include "fuzz_entry.h"

int tfb_fuzz_tokenizer(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  if (nl == std::string_view::npos) return 0;
  std::string pattern(in.substr(0, nl));
  std::string_view rest = in.substr(nl + 1);
  size_t nul = rest.find('\0');
  std::string_view vocab = rest.substr(0, nul);
  std::string_view text = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
  tfb::RegexTokenizer tok;
  if (tfb::RegexTokenizer::create(vocab, pattern, &tok).ok()) (void)tok.encode(text, 64);
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_tokenizer)
