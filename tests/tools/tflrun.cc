// Developer tool: runs a .tflite file directly with the interpreter, no
// bundling. tflrun MODEL [IN.npy ...] [-o DIR] [--threads N] [--repeat N]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "app/npy.h"
#include "interpreter/heap_reuse.h"
#include "interpreter/interpreter.h"

using namespace tfb;

static std::vector<uint8_t> read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

int main(int argc, char** argv) {
  tfb::reuse_freed_heap();  // as the app does
  if (argc < 2) {
    std::fprintf(stderr, "usage: tflrun MODEL [IN.npy ...] [-o DIR] [--threads N] [--repeat N]\n");
    return 2;
  }
  std::vector<const char*> inputs;
  std::string out_dir;
  int threads = 1, repeat = 0;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "-o") && i + 1 < argc) out_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--repeat") && i + 1 < argc) repeat = std::atoi(argv[++i]);
    else inputs.push_back(argv[i]);
  }
  std::vector<uint8_t> model = read_file(argv[1]);
  std::unique_ptr<Interpreter> interp;
  InterpreterOptions opts;
  opts.threads = threads;
  const auto c0 = std::chrono::steady_clock::now();
  Status st = Interpreter::create(model, opts, &interp);
  const double create_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - c0).count();
  if (!st.ok()) {
    std::fprintf(stderr, "tflrun: %s\n", st.message().c_str());
    return 1;
  }
  for (size_t i = 0; i < inputs.size() && i < static_cast<size_t>(interp->num_inputs()); ++i) {
    NpyArray arr;
    st = parse_npy(read_file(inputs[i]), &arr);
    if (!st.ok()) {
      std::fprintf(stderr, "tflrun: %s: %s\n", inputs[i], st.message().c_str());
      return 1;
    }
    Shape shape;
    shape.rank = static_cast<int>(arr.shape.size());
    for (int d = 0; d < shape.rank; ++d) shape.dim[d] = static_cast<int32_t>(arr.shape[d]);
    if (interp->input(static_cast<int>(i)).shape != shape) {
      st = interp->resize_input(static_cast<int>(i), shape);
      if (!st.ok()) {
        std::fprintf(stderr, "tflrun: %s\n", st.message().c_str());
        return 1;
      }
    }
  }
  for (size_t i = 0; i < inputs.size() && i < static_cast<size_t>(interp->num_inputs()); ++i) {
    NpyArray arr;
    (void)parse_npy(read_file(inputs[i]), &arr);
    Tensor& t = interp->input(static_cast<int>(i));
    if (arr.data.size() != t.bytes || arr.type != t.type) {
      std::fprintf(stderr, "tflrun: %s does not match input %zu (%s %s)\n", inputs[i], i, dtype_name(t.type),
                   t.shape.str().c_str());
      return 1;
    }
    std::memcpy(t.data, arr.data.data(), t.bytes);
  }
  auto t0 = std::chrono::steady_clock::now();
  st = interp->invoke();
  auto t1 = std::chrono::steady_clock::now();
  if (!st.ok()) {
    std::fprintf(stderr, "tflrun: %s\n", st.message().c_str());
    return 1;
  }
  std::printf("load and prepare: %.3f ms\n", create_ms);
  std::printf("first invoke: %.3f ms\n", std::chrono::duration<double, std::milli>(t1 - t0).count());
  if (repeat > 0) {
    std::vector<double> times;
    for (int r = 0; r < repeat; ++r) {
      auto a = std::chrono::steady_clock::now();
      (void)interp->invoke();
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
    }
    std::sort(times.begin(), times.end());
    std::printf("median of %d: %.4f ms (min %.4f)\n", repeat, times[times.size() / 2], times[0]);
  }
  for (int i = 0; i < interp->num_outputs(); ++i) {
    const Tensor& t = interp->output(i);
    std::printf("output %d: %s %s\n", i, dtype_name(t.type), t.shape.str().c_str());
    if (!out_dir.empty()) {
      auto bytes = serialize_npy(t);
      std::string path = out_dir + "/output_" + std::to_string(i) + ".npy";
      std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
  }
  return 0;
}
