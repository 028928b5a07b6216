#include "app/benchmark.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace tfb {

Status run_benchmark(Interpreter& interp, int runs) {
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(runs));
  for (int r = 0; r < runs; ++r) {
    auto start = std::chrono::steady_clock::now();
    TFB_RETURN_IF_ERROR(interp.invoke());
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(ms.begin(), ms.end());
  std::printf("inference: median %.4f ms, min %.4f ms over %d runs\n", ms[ms.size() / 2], ms[0], runs);
  return OkStatus();
}

}  // namespace tfb
