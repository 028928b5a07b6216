// Helpers for single-op kernel tests: arrays from plain numbers, and the
// "same answer as the real TFLite" check.
#pragma once

#include <cmath>
#include <cstring>

#include "schema/model_writer.h"
#include "support/test_util.h"

namespace tfb::test {

// An array of `type` holding `values` (converted from double), C order.
inline NpyArray array_of(DType type, std::vector<int64_t> shape, const std::vector<double>& values) {
  NpyArray a;
  a.type = type;
  a.shape = std::move(shape);
  a.data.resize(values.size() * dtype_size(type));
  uint8_t* p = a.data.data();
  for (size_t i = 0; i < values.size(); ++i) {
    double v = values[i];
    switch (type) {
      case DType::kF32:
        reinterpret_cast<float*>(p)[i] = static_cast<float>(v);
        break;
      case DType::kI32:
        reinterpret_cast<int32_t*>(p)[i] = static_cast<int32_t>(v);
        break;
      case DType::kI64:
        reinterpret_cast<int64_t*>(p)[i] = static_cast<int64_t>(v);
        break;
      case DType::kI16:
        reinterpret_cast<int16_t*>(p)[i] = static_cast<int16_t>(v);
        break;
      case DType::kI8:
        reinterpret_cast<int8_t*>(p)[i] = static_cast<int8_t>(v);
        break;
      case DType::kU8:
        p[i] = static_cast<uint8_t>(v);
        break;
      case DType::kBool:
        p[i] = v != 0;
        break;
      default:
        ADD_FAILURE() << "array_of: unhandled dtype " << dtype_name(type);
    }
  }
  return a;
}

// The elements of a as doubles.
inline std::vector<double> values_of(const NpyArray& a) {
  std::vector<double> v(static_cast<size_t>(a.count()));
  const uint8_t* p = a.data.data();
  for (size_t i = 0; i < v.size(); ++i) {
    switch (a.type) {
      case DType::kF32:
        v[i] = reinterpret_cast<const float*>(p)[i];
        break;
      case DType::kI32:
        v[i] = reinterpret_cast<const int32_t*>(p)[i];
        break;
      case DType::kI64:
        v[i] = static_cast<double>(reinterpret_cast<const int64_t*>(p)[i]);
        break;
      case DType::kI16:
        v[i] = reinterpret_cast<const int16_t*>(p)[i];
        break;
      case DType::kI8:
        v[i] = reinterpret_cast<const int8_t*>(p)[i];
        break;
      case DType::kU8:
        v[i] = p[i];
        break;
      case DType::kBool:
        v[i] = p[i] ? 1 : 0;
        break;
      default:
        ADD_FAILURE() << "values_of: unhandled dtype " << dtype_name(a.type);
    }
  }
  return v;
}

// A random array over the natural range of the dtype: [-1, 1] for floats,
// the full range for 8/16-bit integers, [0, 9] otherwise.
inline NpyArray random_of(DType type, std::vector<int64_t> shape, uint32_t seed) {
  switch (type) {
    case DType::kI8:
      return random_array(type, std::move(shape), seed, -128, 127);
    case DType::kU8:
      return random_array(type, std::move(shape), seed, 0, 255);
    case DType::kI16:
      return random_array(type, std::move(shape), seed, -32768, 32767);
    case DType::kF32:
      return random_array(type, std::move(shape), seed, -1, 1);
    default:
      return random_array(type, std::move(shape), seed, 0, 9);
  }
}

// Quantization with one scale and zero point.
inline Quant quant(float scale, int64_t zero_point) {
  Quant q;
  q.scale = {scale};
  q.zero_point = {zero_point};
  return q;
}

// Runs the model with our interpreter; the outputs, or a failure.
inline std::vector<NpyArray> run_ours(std::span<const uint8_t> model, const std::vector<NpyArray>& inputs) {
  std::vector<NpyArray> out;
  Status st = run_interpreter(model, inputs, &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

// The status our interpreter gives for the model (for error cases).
inline Status run_status(std::span<const uint8_t> model, const std::vector<NpyArray>& inputs) {
  std::vector<NpyArray> out;
  return run_interpreter(model, inputs, &out);
}

// Runs the model with our interpreter and with the real TFLite and checks
// every output with the project's tolerances (or bit-exact when `exact`).
inline ::testing::AssertionResult same_as_tflite(std::span<const uint8_t> model, const std::vector<NpyArray>& inputs,
                                                 bool exact = false) {
  std::vector<NpyArray> ours, ref;
  Status st = run_interpreter(model, inputs, &ours);
  if (!st.ok()) return ::testing::AssertionFailure() << "ours: " << st.message();
  st = run_tflite_ref(model, inputs, &ref);
  if (!st.ok()) return ::testing::AssertionFailure() << "tflite-ref: " << st.message();
  if (ours.size() != ref.size())
    return ::testing::AssertionFailure() << ours.size() << " outputs vs reference " << ref.size();
  for (size_t i = 0; i < ours.size(); ++i) {
    auto r = exact ? ints_close(ours[i], ref[i], 0, 1.0) : outputs_match(ours[i], ref[i]);
    if (!r) {
      // Keep the case for replaying with tflrun / tflite-ref.
      fs::path dir = temp_dir("mismatch");
      write_file(dir / "model.tflite", model);
      for (size_t k = 0; k < inputs.size(); ++k)
        write_file(dir / ("input_" + std::to_string(k) + ".npy"),
                   serialize_npy(inputs[k].type, inputs[k].shape, inputs[k].data));
      return r << " (output " << i << "; model and inputs kept in " << dir.string() << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

struct ReduceSpec {
  std::vector<int32_t> axes;
  bool keep_dims;
  Shape out;
  Quant out_q;
};

// One reduction op per spec over the same input; one output each.
inline std::vector<uint8_t> reduce_model(tflfb::BuiltinOperator op, DType type, Shape in, const Quant& in_q,
                                         const std::vector<ReduceSpec>& specs) {
  ModelWriter w;
  int x = w.add_input("x", type, in, in_q);
  for (size_t i = 0; i < specs.size(); ++i) {
    const ReduceSpec& s = specs[i];
    int a = w.add_constant("axes" + std::to_string(i), DType::kI32, {static_cast<int32_t>(s.axes.size())}, s.axes);
    int y = w.add_tensor("y" + std::to_string(i), type, s.out, s.out_q);
    tflfb::ReducerOptionsT o;
    o.keep_dims = s.keep_dims;
    w.add_op(op, {x, a}, {y}, o);
    w.add_output(y);
  }
  return w.finish();
}

}  // namespace tfb::test
