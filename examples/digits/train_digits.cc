// The demo's own model: trains a small classifier on the 8x8 digits data and
// writes it as a .tflite file with the project's model writer, so the demo
// needs nothing but this repository and Debian packages.
//
//   train_digits train digits.csv OUT_DIR
//       -> OUT_DIR/digits.tflite, labels.txt, test_inputs.npy [N,8,8,1],
//          test_labels.txt, and the first test images as images/*.pgm
//   train_digits score OUTPUT.npy test_labels.txt
//       -> prints predictions and accuracy; exit 1 below 90%
//
// Network: an 8x8 grayscale image in [0, 1] -> RESHAPE 64 -> FULLY_CONNECTED
// 32 + RELU -> FULLY_CONNECTED 10 -> SOFTMAX. Training is plain minibatch SGD
// with momentum on cross-entropy, seeded, so every run writes the same model.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "app/npy.h"
#include "schema/model_writer.h"

namespace {

constexpr int kSide = 8, kPixels = kSide * kSide, kHidden = 32, kClasses = 10;
constexpr int kSamplePictures = 10;
constexpr float kPixelMax = 16.f;

struct Sample {
  float x[kPixels];
  int label;
};

// Small deterministic generator (xorshift64*): same numbers on every platform.
struct Rng {
  uint64_t s;
  uint64_t next() {
    s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
    return s * 2685821657736338717ull;
  }
  float uniform(float lo, float hi) { return lo + (hi - lo) * static_cast<float>(next() >> 40) / 16777216.f; }
};

bool read_csv(const char* path, std::vector<Sample>* out) {
  std::ifstream f(path);
  std::string line;
  while (std::getline(f, line)) {
    std::stringstream ss(line);
    Sample s;
    std::string cell;
    int i = 0;
    while (std::getline(ss, cell, ',') && i <= kPixels) {
      float v = std::stof(cell);
      if (i < kPixels) s.x[i] = v;
      else s.label = static_cast<int>(v);
      ++i;
    }
    if (i != kPixels + 1 || s.label < 0 || s.label >= kClasses) return false;
    out->push_back(s);
  }
  return !out->empty();
}

struct Mlp {
  std::vector<float> w1 = std::vector<float>(kHidden * kPixels), b1 = std::vector<float>(kHidden);
  std::vector<float> w2 = std::vector<float>(kClasses * kHidden), b2 = std::vector<float>(kClasses);

  void init(Rng& rng) {
    float a1 = std::sqrt(6.f / kPixels), a2 = std::sqrt(6.f / kHidden);
    for (float& w : w1) w = rng.uniform(-a1, a1);
    for (float& w : w2) w = rng.uniform(-a2, a2);
  }

  // Forward pass on normalized pixels; fills hidden activations and probabilities.
  void forward(const float* x, float* h, float* p) const {
    for (int j = 0; j < kHidden; ++j) {
      float s = b1[j];
      for (int i = 0; i < kPixels; ++i) s += w1[j * kPixels + i] * x[i];
      h[j] = std::max(s, 0.f);
    }
    float m = -1e30f, z = 0;
    for (int k = 0; k < kClasses; ++k) {
      float s = b2[k];
      for (int j = 0; j < kHidden; ++j) s += w2[k * kHidden + j] * h[j];
      p[k] = s;
      m = std::max(m, s);
    }
    for (int k = 0; k < kClasses; ++k) z += (p[k] = std::exp(p[k] - m));
    for (int k = 0; k < kClasses; ++k) p[k] /= z;
  }

  int predict(const float* x) const {
    float h[kHidden], p[kClasses];
    forward(x, h, p);
    return static_cast<int>(std::max_element(p, p + kClasses) - p);
  }
};

void train(Mlp& net, std::vector<Sample> data, Rng& rng) {
  const int epochs = 60, batch = 16;
  const float lr = 0.05f, momentum = 0.9f;
  Mlp grad, velocity;
  for (int e = 0; e < epochs; ++e) {
    for (size_t i = data.size() - 1; i > 0; --i) std::swap(data[i], data[rng.next() % (i + 1)]);
    for (size_t start = 0; start < data.size(); start += batch) {
      size_t end = std::min(data.size(), start + batch);
      for (auto* v : {&grad.w1, &grad.b1, &grad.w2, &grad.b2}) std::fill(v->begin(), v->end(), 0.f);
      for (size_t n = start; n < end; ++n) {
        float x[kPixels], h[kHidden], p[kClasses], dh[kHidden] = {};
        for (int i = 0; i < kPixels; ++i) x[i] = data[n].x[i] / kPixelMax;
        net.forward(x, h, p);
        p[data[n].label] -= 1.f;  // d(cross-entropy)/d(logits)
        for (int k = 0; k < kClasses; ++k) {
          grad.b2[k] += p[k];
          for (int j = 0; j < kHidden; ++j) {
            grad.w2[k * kHidden + j] += p[k] * h[j];
            dh[j] += p[k] * net.w2[k * kHidden + j];
          }
        }
        for (int j = 0; j < kHidden; ++j) {
          if (h[j] <= 0.f) continue;
          grad.b1[j] += dh[j];
          for (int i = 0; i < kPixels; ++i) grad.w1[j * kPixels + i] += dh[j] * x[i];
        }
      }
      const float scale = lr / static_cast<float>(end - start);
      auto step = [&](std::vector<float>& w, std::vector<float>& g, std::vector<float>& v) {
        for (size_t i = 0; i < w.size(); ++i) w[i] += (v[i] = momentum * v[i] - scale * g[i]);
      };
      step(net.w1, grad.w1, velocity.w1);
      step(net.b1, grad.b1, velocity.b1);
      step(net.w2, grad.w2, velocity.w2);
      step(net.b2, grad.b2, velocity.b2);
    }
  }
}

// The trained network as a .tflite graph taking an image in [0, 1] (the
// training data scaled by 1/16), as the app feeds grayscale images.
std::vector<uint8_t> to_tflite(const Mlp& net) {
  using namespace tfb;
  ModelWriter w;
  w.set_description("tflbundle demo: 8x8 digit classifier trained by examples/digits/train_digits.cc");
  int image = w.add_input("image", DType::kF32, {1, kSide, kSide, 1});
  w.set_shape_signature(image, {-1, kSide, kSide, 1});  // any batch size
  int shape = w.add_constant<int32_t>("flat_shape", DType::kI32, {2}, {-1, kPixels});
  int x = w.add_tensor("pixels", DType::kF32, {1, kPixels});
  w.add_op(tflfb::BuiltinOperator_RESHAPE, {image, shape}, {x}, tflfb::ReshapeOptionsT());
  int w1t = w.add_constant("dense1/weights", DType::kF32, {kHidden, kPixels}, net.w1);
  int b1t = w.add_constant("dense1/bias", DType::kF32, {kHidden}, net.b1);
  int h = w.add_tensor("dense1/relu", DType::kF32, {1, kHidden});
  int w2t = w.add_constant("dense2/weights", DType::kF32, {kClasses, kHidden}, net.w2);
  int b2t = w.add_constant("dense2/bias", DType::kF32, {kClasses}, net.b2);
  int logits = w.add_tensor("logits", DType::kF32, {1, kClasses});
  int probs = w.add_tensor("probabilities", DType::kF32, {1, kClasses});
  tflfb::FullyConnectedOptionsT relu;
  relu.fused_activation_function = tflfb::ActivationFunctionType_RELU;
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {x, w1t, b1t}, {h}, relu);
  w.add_op(tflfb::BuiltinOperator_FULLY_CONNECTED, {h, w2t, b2t}, {logits}, tflfb::FullyConnectedOptionsT());
  tflfb::SoftmaxOptionsT softmax;
  softmax.beta = 1.f;
  w.add_op(tflfb::BuiltinOperator_SOFTMAX, {logits}, {probs}, softmax);
  w.add_output(probs);
  return w.finish();
}

bool write_bytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream f(path, std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  return static_cast<bool>(f);
}

int cmd_train(const char* csv, const std::string& out_dir) {
  std::vector<Sample> all;
  if (!read_csv(csv, &all)) {
    std::fprintf(stderr, "train_digits: %s is not the 65-column digits CSV\n", csv);
    return 1;
  }
  Rng rng{0x7f4a7c159e3779b9ull};
  for (size_t i = all.size() - 1; i > 0; --i) std::swap(all[i], all[rng.next() % (i + 1)]);
  size_t n_test = all.size() / 5;
  std::vector<Sample> test(all.begin(), all.begin() + static_cast<long>(n_test));
  std::vector<Sample> train_set(all.begin() + static_cast<long>(n_test), all.end());

  Mlp net;
  net.init(rng);
  train(net, train_set, rng);
  auto accuracy = [&](const std::vector<Sample>& set) {
    int ok = 0;
    for (const Sample& s : set) {
      float x[kPixels];
      for (int i = 0; i < kPixels; ++i) x[i] = s.x[i] / kPixelMax;
      ok += net.predict(x) == s.label;
    }
    return 100.0 * ok / static_cast<double>(set.size());
  };
  std::printf("trained on %zu images: train accuracy %.1f%%, held-out accuracy %.1f%% (%zu images)\n",
              train_set.size(), accuracy(train_set), accuracy(test), test.size());

  std::vector<float> pixels;
  std::string labels;
  for (const Sample& s : test) {
    for (float v : s.x) pixels.push_back(v / kPixelMax);
    labels += std::to_string(s.label) + "\n";
  }
  std::vector<int64_t> shape = {static_cast<int64_t>(test.size()), kSide, kSide, 1};
  auto npy = tfb::serialize_npy(tfb::DType::kF32, shape,
                                std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(pixels.data()),
                                                         pixels.size() * sizeof(float)));
  std::string names = "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n";
  bool ok = write_bytes(out_dir + "/digits.tflite", to_tflite(net)) && write_bytes(out_dir + "/test_inputs.npy", npy) &&
            write_bytes(out_dir + "/test_labels.txt", std::vector<uint8_t>(labels.begin(), labels.end())) &&
            write_bytes(out_dir + "/labels.txt", std::vector<uint8_t>(names.begin(), names.end()));
  // A few held-out digits as 8x8 PGM pictures, named after their true label.
  std::filesystem::create_directories(out_dir + "/images");
  for (int i = 0; i < kSamplePictures && ok; ++i) {
    std::string pgm = "P5\n8 8\n255\n";
    for (float v : test[i].x) pgm += static_cast<char>(std::lround(v * 255.f / kPixelMax));
    ok = write_bytes(out_dir + "/images/test" + std::to_string(i) + "_is_" + std::to_string(test[i].label) + ".pgm",
                     std::vector<uint8_t>(pgm.begin(), pgm.end()));
  }
  if (!ok) {
    std::fprintf(stderr, "train_digits: cannot write to %s\n", out_dir.c_str());
    return 1;
  }
  std::printf("wrote %s/digits.tflite, labels.txt, test_inputs.npy, test_labels.txt, images/*.pgm\n", out_dir.c_str());
  return 0;
}

int cmd_score(const char* output_npy, const char* labels_path) {
  std::ifstream f(output_npy, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), {});
  tfb::NpyArray out;
  tfb::Status st = tfb::parse_npy(bytes, &out);
  if (!st.ok() || out.type != tfb::DType::kF32 || out.shape.size() != 2 || out.shape[1] != kClasses) {
    std::fprintf(stderr, "train_digits: %s is not a [N,10] float32 array\n", output_npy);
    return 1;
  }
  std::ifstream lf(labels_path);
  std::vector<int> labels;
  for (int v; lf >> v;) labels.push_back(v);
  if (static_cast<int64_t>(labels.size()) != out.shape[0]) {
    std::fprintf(stderr, "train_digits: %zu labels for %lld outputs\n", labels.size(),
                 static_cast<long long>(out.shape[0]));
    return 1;
  }
  const float* p = reinterpret_cast<const float*>(out.data.data());
  int correct = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    const float* row = p + i * kClasses;
    int pred = static_cast<int>(std::max_element(row, row + kClasses) - row);
    correct += pred == labels[i];
    if (i < 8) std::printf("  image %zu: predicted %d (p=%.3f), true %d\n", i, pred, row[pred], labels[i]);
  }
  double acc = 100.0 * correct / static_cast<double>(labels.size());
  std::printf("bundled app accuracy: %.1f%% (%d of %zu held-out images)\n", acc, correct, labels.size());
  return acc >= 90.0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && !std::strcmp(argv[1], "train")) return cmd_train(argv[2], argv[3]);
  if (argc == 4 && !std::strcmp(argv[1], "score")) return cmd_score(argv[2], argv[3]);
  std::fprintf(stderr, "usage: train_digits train DIGITS.csv OUT_DIR | train_digits score OUTPUT.npy LABELS.txt\n");
  return 2;
}
