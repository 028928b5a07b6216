// libFuzzer target: the `bundle --config` parser (TOML settings).
#include <string_view>

#include "bundler/app_settings.h"
#include "fuzz_entry.h"

int tfb_fuzz_config(const uint8_t* data, size_t size) {
  tfb::AppConfig config;
  if (tfb::parse_app_config(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.toml", &config).ok())
    (void)config.settings.explain();
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_config)
