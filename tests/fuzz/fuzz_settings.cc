// libFuzzer target: the app settings stored in a payload (JSON).
#include "fuzz_entry.h"
#include <string_view>

#include "app/settings.h"

int tfb_fuzz_settings(const uint8_t* data, size_t size) {
  tfb::Settings s;
  if (tfb::Settings::from_json(std::string_view(reinterpret_cast<const char*>(data), size), &s).ok()) {
    (void)s.explain();
    (void)s.value_or<int>(tfb::setting::kTopK, 5);
    (void)s.value_or<std::vector<float>>(tfb::setting::kImageMean, {});
  }
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_settings)
