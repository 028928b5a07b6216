#include "app/self_test.h"

#include <cmath>
#include <cstring>

#include "app/npy.h"
#include "app/preprocess.h"
#include "app/run_tensors.h"

namespace tfb {

namespace {

constexpr char kHeader[] = "tflbundle-selftest 1\n";
constexpr size_t kHeaderSize = sizeof(kHeader) - 1;

void put_u32(std::vector<uint8_t>* out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put_u64(std::vector<uint8_t>* out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

struct Reader {
  std::span<const uint8_t> bytes;
  size_t pos = 0;
  bool u32(uint32_t* v) {
    if (bytes.size() - pos < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i) *v |= static_cast<uint32_t>(bytes[pos + i]) << (8 * i);
    pos += 4;
    return true;
  }
  bool npy(NpyArray* a) {
    if (bytes.size() - pos < 8) return false;
    uint64_t n = 0;
    for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(bytes[pos + i]) << (8 * i);
    pos += 8;
    if (n > bytes.size() - pos) return false;
    bool ok = parse_npy(bytes.subspan(pos, n), a).ok();
    pos += n;
    return ok;
  }
};

Status malformed(const char* what) { return Error(ErrorKind::kInvalidModel, "the stored self-test is malformed: %s", what); }

}  // namespace

void fill_deterministic_inputs(Interpreter& interp, uint64_t seed) {
  uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
  auto next = [&s] {
    s ^= s >> 12, s ^= s << 25, s ^= s >> 27;
    return s * 2685821657736338717ull;
  };
  for (int i = 0; i < interp.num_inputs(); ++i) {
    Tensor& t = interp.input(i);
    for (int64_t k = 0; k < t.count(); ++k) {
      const uint64_t r = next();
      const double unit = static_cast<double>(r >> 11) / 9007199254740992.0;  // [0, 1)
      switch (t.type) {
        case DType::kF32: t.as<float>()[k] = static_cast<float>(2 * unit - 1); break;
        case DType::kI32: t.as<int32_t>()[k] = static_cast<int32_t>(r % 10); break;
        case DType::kI64: t.as<int64_t>()[k] = static_cast<int64_t>(r % 10); break;
        case DType::kBool: t.as<uint8_t>()[k] = r & 1; break;
        case DType::kU8: t.as<uint8_t>()[k] = static_cast<uint8_t>(r); break;
        case DType::kI8: t.as<int8_t>()[k] = static_cast<int8_t>(r); break;
        case DType::kI16: t.as<int16_t>()[k] = static_cast<int16_t>(r); break;
        default: std::memset(t.data + k * dtype_size(t.type), 0, dtype_size(t.type)); break;
      }
    }
  }
}

Status make_self_test(Interpreter& interp, std::vector<uint8_t>* entry) {
  interp.reset_variables();
  fill_deterministic_inputs(interp);
  entry->assign(kHeader, kHeader + kHeaderSize);
  put_u32(entry, static_cast<uint32_t>(interp.num_inputs()));
  put_u32(entry, static_cast<uint32_t>(interp.num_outputs()));
  auto add = [&](const Tensor& t) -> Status {
    if (!npy_descr(t.type)) return Error(ErrorKind::kUnsupported, "tensor '%s' (%s) cannot be stored in the self-test",
                                         std::string(t.name).c_str(), dtype_name(t.type));
    auto npy = serialize_npy(t);
    put_u64(entry, npy.size());
    entry->insert(entry->end(), npy.begin(), npy.end());
    return OkStatus();
  };
  for (int i = 0; i < interp.num_inputs(); ++i) TFB_RETURN_IF_ERROR(add(interp.input(i)));
  TFB_RETURN_IF_ERROR(interp.invoke());
  for (int i = 0; i < interp.num_outputs(); ++i) TFB_RETURN_IF_ERROR(add(interp.output(i)));
  return OkStatus();
}

Status run_self_test(Interpreter& interp, std::span<const uint8_t> entry, SelfTestReport* report) {
  if (entry.size() < kHeaderSize || std::memcmp(entry.data(), kHeader, kHeaderSize) != 0) return malformed("bad header");
  Reader r{entry, kHeaderSize};
  uint32_t n_in, n_out;
  if (!r.u32(&n_in) || !r.u32(&n_out)) return malformed("truncated counts");
  if (n_in != static_cast<uint32_t>(interp.num_inputs()) || n_out != static_cast<uint32_t>(interp.num_outputs()))
    return malformed("tensor counts differ from the model's");
  std::vector<NpyArray> inputs(n_in), expected(n_out);
  std::vector<std::string> names(n_in, "self-test input");
  for (auto& a : inputs)
    if (!r.npy(&a)) return malformed("bad input tensor");
  for (auto& a : expected)
    if (!r.npy(&a)) return malformed("bad output tensor");
  interp.reset_variables();
  TFB_RETURN_IF_ERROR(set_input_arrays(interp, inputs, names));
  TFB_RETURN_IF_ERROR(interp.invoke());

  report->passed = true;
  report->summary.clear();
  for (uint32_t i = 0; i < n_out; ++i) {
    const Tensor& t = interp.output(static_cast<int>(i));
    const NpyArray& want = expected[i];
    if (t.type != want.type || static_cast<size_t>(t.required_bytes()) != want.data.size()) {
      report->passed = false;
      report->summary += strfmt("output %u: %s %s, expected %s with %zu bytes\n", i, dtype_name(t.type),
                                t.shape.str().c_str(), dtype_name(want.type), want.data.size());
      continue;
    }
    // Same tolerances as the conformance tests: floats relative to the
    // largest expected magnitude, integers in quantization steps.
    Tensor ref;
    ref.type = want.type;
    ref.shape = t.shape;
    ref.data = const_cast<uint8_t*>(want.data.data());
    const bool is_float = t.type == DType::kF32 || t.type == DType::kF64;
    ref.quant = t.quant;
    double max_ref = 0, max_diff = 0;
    for (int64_t k = 0; k < t.count(); ++k) {
      const double got = read_real(t, k), exp = read_real(ref, k);
      max_ref = std::max(max_ref, std::fabs(exp));
      max_diff = std::max(max_diff, std::fabs(got - exp));
    }
    const double tol = is_float ? 1e-4 * max_ref + 1e-6 : (t.quant.empty() ? 0.0 : 1.0001 * t.quant.scale0());
    const bool ok = max_diff <= tol;
    report->passed = report->passed && ok;
    report->summary += strfmt("output %u '%s': max difference %.3g (allowed %.3g) %s\n", i, std::string(t.name).c_str(),
                              max_diff, tol, ok ? "ok" : "MISMATCH");
  }
  return OkStatus();
}

}  // namespace tfb
