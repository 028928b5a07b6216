#include "embed/self_exe.h"

#include <sys/auxv.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>

namespace tfb::embed {

namespace {

std::string find_in_path(const std::string& name) {
  const char* env = std::getenv("PATH");
  if (!env) return {};
  std::string dirs(env);
  for (size_t start = 0; start <= dirs.size();) {
    size_t end = dirs.find(':', start);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
    start = end + 1;
  }
  return {};
}

}  // namespace

std::vector<std::string> self_exe_candidates(const char* argv0) {
  std::vector<std::string> paths = {"/proc/self/exe"};
  if (const char* execfn = reinterpret_cast<const char*>(getauxval(AT_EXECFN))) paths.push_back(execfn);
  if (argv0 && *argv0) {
    std::string a(argv0);
    std::string p = a.find('/') != std::string::npos ? a : find_in_path(a);
    if (!p.empty()) paths.push_back(p);
  }
  return paths;
}

std::string self_exe_display_name(const std::string& path) {
  if (path != "/proc/self/exe") return path;
  char target[PATH_MAX];
  ssize_t n = readlink(path.c_str(), target, sizeof target - 1);
  return n > 0 ? std::string(target, static_cast<size_t>(n)) : path;
}

}  // namespace tfb::embed
