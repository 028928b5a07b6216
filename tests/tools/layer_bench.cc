// Developer tool: times every convolution-family layer (CONV_2D,
// DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV, BATCH_MATMUL) of a model
// on its own, with the model's weights and random inputs.
//   layer_bench MODEL [--threads N] [--repeat N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <random>

#include "interpreter/interpreter.h"
#include "support/model_surgery.h"

using namespace tfb;

namespace {

std::vector<uint8_t> read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), {});
}

void fill_random(Tensor& t, std::mt19937& rng) {
  if (t.type == DType::kF32) {
    std::uniform_real_distribution<float> u(-1.f, 1.f);
    for (int64_t i = 0; i < t.count(); ++i) t.as<float>()[i] = u(rng);
  } else {
    for (size_t i = 0; i < t.bytes; ++i) t.data[i] = static_cast<uint8_t>(rng());
  }
}

// Multiply-adds of the layer, from its tensors.
double macs(const Interpreter& interp, int32_t builtin) {
  const Subgraph& sg = interp.main();
  const Node& n = sg.nodes[0];
  const Tensor& out = sg.tensors[n.outputs[0]];
  auto dim = [&](int input, int d) { return static_cast<double>(sg.tensors[n.inputs[input]].dim(d)); };
  const Tensor& in0 = sg.tensors[n.inputs[0]];
  switch (builtin) {
    case tflfb::BuiltinOperator_CONV_2D: return out.count() * dim(1, 1) * dim(1, 2) * dim(1, 3);
    case tflfb::BuiltinOperator_DEPTHWISE_CONV_2D: return out.count() * dim(1, 1) * dim(1, 2);
    case tflfb::BuiltinOperator_FULLY_CONNECTED: return out.count() * dim(1, 1);
    case tflfb::BuiltinOperator_TRANSPOSE_CONV:
      return sg.tensors[n.inputs[2]].count() * dim(1, 0) * dim(1, 1) * dim(1, 2);
    default: return out.count() * in0.dim(in0.rank() - 1);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: layer_bench MODEL [--threads N] [--repeat N]\n");
    return 2;
  }
  int threads = 1, repeat = 20;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--repeat")) repeat = std::max(1, std::atoi(argv[i + 1]));
  }
  const std::vector<uint8_t> model = read_file(argv[1]);
  const std::vector<tflfb::BuiltinOperator> codes = {
      tflfb::BuiltinOperator_CONV_2D, tflfb::BuiltinOperator_DEPTHWISE_CONV_2D, tflfb::BuiltinOperator_FULLY_CONNECTED,
      tflfb::BuiltinOperator_TRANSPOSE_CONV, tflfb::BuiltinOperator_BATCH_MATMUL};
  std::mt19937 rng(1);
  double total_ms = 0;
  for (int op : test::find_ops(model, codes)) {
    const test::OpTensors t = test::op_tensors(model, op);
    const size_t activations = t.builtin == tflfb::BuiltinOperator_BATCH_MATMUL ? 2 : 1;
    if (t.inputs.size() != activations) continue;  // computed weights
    const std::vector<uint8_t> layer = test::isolate_ops(model, {op});
    std::unique_ptr<Interpreter> interp;
    InterpreterOptions opts;
    opts.threads = threads;
    Status st = Interpreter::create(layer, opts, &interp);
    if (!st.ok()) {
      std::printf("op #%-4d skipped: %s\n", op, st.message().c_str());
      continue;
    }
    for (int i = 0; i < interp->num_inputs(); ++i) fill_random(interp->input(i), rng);
    std::vector<double> times;
    for (int r = 0; r < repeat + 2; ++r) {
      auto a = std::chrono::steady_clock::now();
      st = interp->invoke();
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - a).count());
    }
    if (!st.ok()) {
      std::printf("op #%-4d failed: %s\n", op, st.message().c_str());
      continue;
    }
    std::sort(times.begin() + 2, times.end());
    const double ms = times[2 + repeat / 2];
    total_ms += ms;
    const Tensor& in = interp->input(0);
    const Tensor& out = interp->output(0);
    const Subgraph& sg = interp->main();
    const Tensor& filter = sg.tensors[sg.nodes[0].inputs[1]];
    std::printf("op #%-4d %-18s %-5s %-20s -> %-20s w %-18s %8.3f ms %7.2f GMAC/s\n", op,
                tflfb::EnumNameBuiltinOperator(static_cast<tflfb::BuiltinOperator>(t.builtin)), dtype_short(in.type),
                in.shape.str().c_str(), out.shape.str().c_str(), filter.shape.str().c_str(), ms,
                macs(*interp, t.builtin) / ms / 1e6);
  }
  std::printf("total %.3f ms\n", total_ms);
  return 0;
}
