// Replays every input the fuzzers once crashed on (kept in
// tests/fuzz/regressions/<target>/) through the same target code, so a fixed
// crash stays fixed in every build, not just the fuzzing one.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

int tfb_fuzz_npy(const uint8_t* data, size_t size);
int tfb_fuzz_image(const uint8_t* data, size_t size);
int tfb_fuzz_wav(const uint8_t* data, size_t size);
int tfb_fuzz_settings(const uint8_t* data, size_t size);
int tfb_fuzz_model(const uint8_t* data, size_t size);
int tfb_fuzz_payload(const uint8_t* data, size_t size);
int tfb_fuzz_config(const uint8_t* data, size_t size);
int tfb_fuzz_tokenizer(const uint8_t* data, size_t size);

namespace {

namespace fs = std::filesystem;

void replay(const char* target, int (*fn)(const uint8_t*, size_t)) {
  fs::path dir = fs::path(TFB_SOURCE_DIR) / "tests/fuzz/regressions" / target;
  if (!fs::exists(dir)) return;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::ifstream f(e.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), {});
    SCOPED_TRACE(e.path().string());
    fn(bytes.data(), bytes.size());
  }
}

TEST(FuzzRegressions, Npy) { replay("npy", tfb_fuzz_npy); }
TEST(FuzzRegressions, Image) { replay("image", tfb_fuzz_image); }
TEST(FuzzRegressions, Wav) { replay("wav", tfb_fuzz_wav); }
TEST(FuzzRegressions, Settings) { replay("settings", tfb_fuzz_settings); }
TEST(FuzzRegressions, Model) { replay("model", tfb_fuzz_model); }
TEST(FuzzRegressions, Payload) { replay("payload", tfb_fuzz_payload); }
TEST(FuzzRegressions, Config) { replay("config", tfb_fuzz_config); }
TEST(FuzzRegressions, Tokenizer) { replay("tokenizer", tfb_fuzz_tokenizer); }

}  // namespace
