#include "app/tokenizer.h"
#include "bundler/model_zip.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

TEST(Tokenizer, ReproducesTheSharedTokenFilesFromTheModelsOwnVocabulary) {
  TFB_REQUIRE_SHARED();
  auto model = read_file(shared_dir() / "models/nl_classifier_float.tflite");
  std::map<std::string, std::vector<uint8_t>> zip;
  ASSERT_TRUE(read_appended_zip(model, &zip).ok());
  ASSERT_TRUE(zip.count("vocab.txt"));
  const auto& v = zip["vocab.txt"];
  RegexTokenizer tok;
  ASSERT_TRUE(RegexTokenizer::create(std::string_view(reinterpret_cast<const char*>(v.data()), v.size()),
                                     "[^\\w\\']+", &tok).ok());
  struct Case { const char* text; const char* raw; };
  for (Case c : {Case{"This is the best movie I\xE2\x80\x99ve seen in recent years. Strongly recommend it!",
                      "nl_positive_tokens_1x256_int32.raw"},
                 Case{"What a waste of my time.", "nl_negative_tokens_1x256_int32.raw"}}) {
    auto expected = read_file(shared_dir() / "models/inputs" / c.raw);
    auto ids = tok.encode(c.text, 256);
    ASSERT_EQ(expected.size(), ids.size() * 4);
    EXPECT_EQ(0, std::memcmp(expected.data(), ids.data(), expected.size())) << c.text;
  }
}

TEST(Tokenizer, RejectsMalformedVocabularies) {
  RegexTokenizer tok;
  EXPECT_FALSE(RegexTokenizer::create("hello\n", "[ ]+", &tok).ok());
  EXPECT_FALSE(RegexTokenizer::create("a 1\n", "[", &tok).ok());
  ASSERT_TRUE(RegexTokenizer::create("<PAD> 0\n<START> 1\n<UNKNOWN> 2\nhi 7\n", " +", &tok).ok());
  EXPECT_EQ(tok.encode("hi there", 5), (std::vector<int32_t>{1, 7, 2, 0, 0}));
  EXPECT_EQ(tok.encode("hi hi hi hi", 3), (std::vector<int32_t>{1, 7, 7}));
}

}  // namespace
}  // namespace tfb::test
