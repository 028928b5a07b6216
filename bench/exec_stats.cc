// Runs a command N times and prints the median wall time from fork to exit
// and the median peak RSS of the child (wait4's ru_maxrss), the two figures
// a user sees: how long the app takes and how much memory it needs.
//   exec_stats [-n N] [-w WARMUP] -- CMD [ARG ...]
// Output: "wall_ms=<median> max_rss_kib=<median>". Fails (exit 1) if any run
// fails, so a broken app never reports a time.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Run {
  double wall_ms;
  long max_rss_kib;
};

bool run_once(char** argv, Run* out) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    execv(argv[0], argv);
    _exit(127);
  }
  int status = 0;
  rusage usage = {};
  if (wait4(pid, &status, 0, &usage) != pid) return false;
  out->wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  out->max_rss_kib = usage.ru_maxrss;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

template <class T>
T median(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20, warmup = 2, i = 1;
  for (; i < argc && std::strcmp(argv[i], "--") != 0; i += 2) {
    if (i + 1 >= argc) break;
    if (!std::strcmp(argv[i], "-n")) runs = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "-w")) warmup = std::atoi(argv[i + 1]);
    else break;
  }
  if (i >= argc || std::strcmp(argv[i], "--") != 0 || i + 1 >= argc || runs < 1 || warmup < 0) {
    std::fprintf(stderr, "usage: exec_stats [-n N] [-w WARMUP] -- CMD [ARG ...]\n");
    return 2;
  }
  char** cmd = argv + i + 1;
  std::vector<double> wall;
  std::vector<long> rss;
  for (int r = 0; r < warmup + runs; ++r) {
    Run run;
    if (!run_once(cmd, &run)) {
      std::fprintf(stderr, "exec_stats: %s failed\n", cmd[0]);
      return 1;
    }
    if (r < warmup) continue;
    wall.push_back(run.wall_ms);
    rss.push_back(run.max_rss_kib);
  }
  std::printf("wall_ms=%.3f max_rss_kib=%ld\n", median(wall), median(rss));
  return 0;
}
