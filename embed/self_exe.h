// Where the running program's file may be, to read its own payload.
#pragma once

#include <string>
#include <vector>

namespace tfb::embed {

// /proc/self/exe, then the auxiliary vector's AT_EXECFN, then argv0 (looked
// up in $PATH when it has no '/'): most reliable first.
std::vector<std::string> self_exe_candidates(const char* argv0);

// The name to show for a candidate: the target of /proc/self/exe, else `path`.
std::string self_exe_display_name(const std::string& path);

}  // namespace tfb::embed
