// `bundle inspect|verify|extract APP`: reading an app's payload back.
#pragma once

#include <string>

namespace tfb::bundler {

// Each returns the exit code; errors are printed.
int inspect_app(const std::string& app);
int verify_app(const std::string& app);
int extract_app(const std::string& app, const std::string& dir, bool force);

}  // namespace tfb::bundler
