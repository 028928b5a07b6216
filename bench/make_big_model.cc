// Writes a float model of about SIZE_MB megabytes for the bundling benchmark:
// a chain of 2048x2048 FULLY_CONNECTED layers with random weights (random
// floats compress as poorly as trained ones do).
//   make_big_model SIZE_MB OUT.tflite
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>

#include "schema/model_writer.h"

using namespace tfb;

int main(int argc, char** argv) {
  if (argc != 3 || std::atoi(argv[1]) < 1) {
    std::fprintf(stderr, "usage: make_big_model SIZE_MB OUT.tflite\n");
    return 2;
  }
  constexpr int kWidth = 2048;
  const int layers = std::max(1, static_cast<int>(std::atol(argv[1]) * (1 << 20) / (kWidth * kWidth * 4)));
  std::mt19937 rng(7);
  std::normal_distribution<float> weight(0.f, 1.f / kWidth);
  ModelWriter w;
  int x = w.add_input("x", DType::kF32, {1, kWidth});
  for (int l = 0; l < layers; ++l) {
    std::vector<float> values(static_cast<size_t>(kWidth) * kWidth);
    for (float& v : values) v = weight(rng);
    int wt = w.add_constant("w" + std::to_string(l), DType::kF32, {kWidth, kWidth}, values);
    int y = w.add_tensor("y" + std::to_string(l), DType::kF32, {1, kWidth});
    tflfb::FullyConnectedOptionsT fc;
    fc.fused_activation_function = tflfb::ActivationFunctionType_RELU;
    w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, wt, -1}, {y}, fc);
    x = y;
  }
  w.add_output(x);
  std::vector<uint8_t> bytes = w.finish();
  std::ofstream out(argv[2], std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return out ? 0 : 1;
}
