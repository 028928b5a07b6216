#include "app/self_test.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "app/preprocess.h"

namespace tfb {

namespace {

constexpr char kHeader[] = "tflbundle-selftest 1\n";
constexpr size_t kHeaderSize = sizeof(kHeader) - 1;
constexpr uint64_t kSeed = 1;
constexpr uint64_t kMaxSamples = 4096;

struct Writer {
  std::vector<uint8_t>* out;
  template <class T> void put(T v) {
    uint8_t b[sizeof(T)];
    std::memcpy(b, &v, sizeof(T));
    out->insert(out->end(), b, b + sizeof(T));
  }
};

struct Reader {
  std::span<const uint8_t> bytes;
  size_t pos = 0;
  template <class T> bool get(T* v) {
    if (bytes.size() - pos < sizeof(T)) return false;
    std::memcpy(v, bytes.data() + pos, sizeof(T));
    pos += sizeof(T);
    return true;
  }
};

// Which elements are kept: every stride-th, at most kMaxSamples of them.
uint64_t sample_stride(int64_t count) {
  return std::max<uint64_t>(1, (static_cast<uint64_t>(count) + kMaxSamples - 1) / kMaxSamples);
}

double max_abs(const Tensor& t) {
  double m = 0;
  for (int64_t k = 0; k < t.count(); ++k) m = std::max(m, std::fabs(read_real(t, k)));
  return m;
}

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
  fill_deterministic_inputs(interp, kSeed);
  TFB_RETURN_IF_ERROR(interp.invoke());
  entry->assign(kHeader, kHeader + kHeaderSize);
  Writer w{entry};
  w.put<uint64_t>(kSeed);
  w.put<uint32_t>(static_cast<uint32_t>(interp.num_outputs()));
  for (int i = 0; i < interp.num_outputs(); ++i) {
    const Tensor& t = interp.output(i);
    w.put<int32_t>(static_cast<int32_t>(t.type));
    w.put<uint32_t>(static_cast<uint32_t>(t.rank()));
    for (int d = 0; d < t.rank(); ++d) w.put<int32_t>(t.dim(d));
    const uint64_t stride = sample_stride(t.count());
    const uint32_t n = static_cast<uint32_t>((static_cast<uint64_t>(t.count()) + stride - 1) / stride);
    w.put<uint64_t>(stride);
    w.put<uint32_t>(n);
    w.put<double>(max_abs(t));
    for (uint32_t k = 0; k < n; ++k) w.put<double>(read_real(t, static_cast<int64_t>(k * stride)));
  }
  return OkStatus();
}

Status run_self_test(Interpreter& interp, std::span<const uint8_t> entry, SelfTestReport* report) {
  if (entry.size() < kHeaderSize || std::memcmp(entry.data(), kHeader, kHeaderSize) != 0) return malformed("bad header");
  Reader r{entry, kHeaderSize};
  uint64_t seed;
  uint32_t n_out;
  if (!r.get(&seed) || !r.get(&n_out)) return malformed("truncated");
  if (n_out != static_cast<uint32_t>(interp.num_outputs())) return malformed("output count differs from the model's");
  interp.reset_variables();
  fill_deterministic_inputs(interp, seed);
  TFB_RETURN_IF_ERROR(interp.invoke());

  report->passed = true;
  report->summary.clear();
  for (uint32_t i = 0; i < n_out; ++i) {
    const Tensor& t = interp.output(static_cast<int>(i));
    int32_t type;
    uint32_t rank;
    if (!r.get(&type) || !r.get(&rank) || rank > static_cast<uint32_t>(kMaxRank)) return malformed("bad output header");
    Shape shape;
    shape.rank = static_cast<int>(rank);
    for (uint32_t d = 0; d < rank; ++d)
      if (!r.get(&shape.dim[d])) return malformed("truncated shape");
    uint64_t stride;
    uint32_t n;
    double ref_max;
    if (!r.get(&stride) || !r.get(&n) || !r.get(&ref_max) || stride == 0) return malformed("bad sample header");
    const bool samples_fit = n == 0 || (static_cast<uint64_t>(n) - 1) * stride < static_cast<uint64_t>(t.count());
    if (type != static_cast<int32_t>(t.type) || shape != t.shape || !samples_fit) {
      report->passed = false;
      report->summary += strfmt("output %u: %s %s here, %s at bundle time\n", i, dtype_name(t.type), t.shape.str().c_str(),
                                shape.str().c_str());
      r.pos += static_cast<size_t>(n) * sizeof(double);
      continue;
    }
    // The conformance tolerances: floats relative to the largest reference
    // magnitude, quantized values one step.
    const bool is_float = t.type == DType::kF32 || t.type == DType::kF64;
    const double tol = is_float ? 1e-4 * ref_max + 1e-6 : (t.quant.empty() ? 0.0 : 1.0001 * t.quant.scale0());
    double max_diff = 0;
    for (uint32_t k = 0; k < n; ++k) {
      double want;
      if (!r.get(&want)) return malformed("truncated samples");
      max_diff = std::max(max_diff, std::fabs(read_real(t, static_cast<int64_t>(k * stride)) - want));
    }
    const bool ok = max_diff <= tol;
    report->passed = report->passed && ok;
    report->summary += strfmt("output %u '%s': max difference %.3g over %u values (allowed %.3g) %s\n", i,
                              std::string(t.name).c_str(), max_diff, n, tol, ok ? "ok" : "MISMATCH");
  }
  return OkStatus();
}

}  // namespace tfb
