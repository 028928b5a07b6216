// Many independent single-op cases in one model, so one tflite-ref run
// (about a second each) checks a whole grid:
//
//   OpGrid g;
//   int a = g.input("a", random_array(DType::kF32, {2, 3}, 1));
//   int y = g.output("a+a", DType::kF32, {2, 3});
//   g.writer().add_op(tflfb::BuiltinOperator_ADD, {a, a}, {y}, tflfb::AddOptionsT{});
//   g.expect_matches_tflite();
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {

class OpGrid {
 public:
  ModelWriter& writer() { return w_; }

  // A model input holding `value`.
  int input(const std::string& name, const NpyArray& value, const Quant& quant = {}) {
    inputs_.push_back(value);
    return w_.add_input(name, value.type, to_shape(value.shape), quant);
  }
  // A model output; `label` names the case in failure messages.
  int output(const std::string& label, DType type, const Shape& shape, const Quant& quant = {}) {
    labels_.push_back(label);
    const int t = w_.add_tensor(label, type, shape, quant);
    w_.add_output(t);
    return t;
  }

  // Runs our interpreter and the real TFLite. Float outputs must match
  // within outputs_match's tolerance; integer and bool outputs exactly (our
  // kernels follow TFLite's integer arithmetic to the bit).
  void expect_matches_tflite() {
    const auto model = w_.finish();
    std::vector<NpyArray> ours, ref;
    Status st = run_interpreter(model, inputs_, &ours);
    ASSERT_TRUE(st.ok()) << st.message();
    st = run_tflite_ref(model, inputs_, &ref);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_EQ(ours.size(), labels_.size());
    ASSERT_EQ(ref.size(), labels_.size());
    for (size_t i = 0; i < labels_.size(); ++i) {
      if (ref[i].type != DType::kF32) {
        EXPECT_EQ(ours[i].data, ref[i].data) << labels_[i] << ": max diff " << max_abs_diff(ours[i], ref[i]);
      } else {
        EXPECT_TRUE(outputs_match(ours[i], ref[i])) << labels_[i];
      }
    }
  }

  // Runs only our interpreter.
  std::vector<NpyArray> run() {
    std::vector<NpyArray> ours;
    Status st = run_interpreter(w_.finish(), inputs_, &ours);
    EXPECT_TRUE(st.ok()) << st.message();
    return ours;
  }

  static Shape to_shape(const std::vector<int64_t>& dims) {
    Shape s;
    for (int64_t d : dims) s.dim[s.rank++] = static_cast<int32_t>(d);
    return s;
  }

 private:
  ModelWriter w_;
  std::vector<NpyArray> inputs_;
  std::vector<std::string> labels_;
};

// Per-tensor quantization.
inline Quant quant(float scale, int64_t zero_point) { return Quant{{scale}, {zero_point}, 0}; }

// Values of an output as doubles, for hand-computed checks.
inline std::vector<double> values_of(const NpyArray& a) {
  std::vector<double> v(static_cast<size_t>(a.count()));
  const uint8_t* p = a.data.data();
  for (size_t i = 0; i < v.size(); ++i) {
    switch (a.type) {
      case DType::kF32: v[i] = reinterpret_cast<const float*>(p)[i]; break;
      case DType::kI32: v[i] = reinterpret_cast<const int32_t*>(p)[i]; break;
      case DType::kI64: v[i] = static_cast<double>(reinterpret_cast<const int64_t*>(p)[i]); break;
      case DType::kI16: v[i] = reinterpret_cast<const int16_t*>(p)[i]; break;
      case DType::kI8: v[i] = reinterpret_cast<const int8_t*>(p)[i]; break;
      case DType::kU8:
      case DType::kBool: v[i] = p[i]; break;
      default: v[i] = std::nan(""); break;
    }
  }
  return v;
}

// An array from explicit values.
template <class T>
NpyArray array_of(DType type, std::vector<int64_t> shape, const std::vector<T>& values) {
  NpyArray a{type, std::move(shape), {}};
  a.data.assign(reinterpret_cast<const uint8_t*>(values.data()),
                reinterpret_cast<const uint8_t*>(values.data()) + values.size() * sizeof(T));
  return a;
}

}  // namespace tfb::test
