#include "app/npy.h"

#include <cstring>
#include <string_view>

namespace tfb {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
constexpr size_t kMaxHeader = 1 << 16;

struct DescrEntry {
  const char* descr;
  DType type;
};
// Single-byte types may be written with '|' or '<'; both are accepted.
constexpr DescrEntry kDescrs[] = {
    {"<f4", DType::kF32}, {"<f2", DType::kF16}, {"<f8", DType::kF64}, {"<i4", DType::kI32},
    {"<i8", DType::kI64}, {"<i2", DType::kI16}, {"<u2", DType::kU16}, {"<u4", DType::kU32},
    {"<u8", DType::kU64}, {"<c8", DType::kC64}, {"<c16", DType::kC128}, {"|i1", DType::kI8},
    {"|u1", DType::kU8},  {"|b1", DType::kBool}, {"<i1", DType::kI8},  {"<u1", DType::kU8},
    {"<b1", DType::kBool},
};

Status bad(const std::string& what) { return Status(ErrorKind::kBadInput, "not a valid .npy file: " + what); }

// Finds the value text following key `name` in the header dict.
bool find_value(std::string_view header, std::string_view name, std::string_view* value) {
  std::string quoted1 = "'" + std::string(name) + "'", quoted2 = "\"" + std::string(name) + "\"";
  size_t pos = header.find(quoted1);
  size_t len = quoted1.size();
  if (pos == std::string_view::npos) pos = header.find(quoted2);
  if (pos == std::string_view::npos) return false;
  pos = header.find(':', pos + len);
  if (pos == std::string_view::npos) return false;
  *value = header.substr(pos + 1);
  while (!value->empty() && value->front() == ' ') value->remove_prefix(1);
  return true;
}

Status parse_header(std::string_view header, NpyArray* out) {
  std::string_view v;
  if (!find_value(header, "descr", &v) || v.size() < 2 || (v[0] != '\'' && v[0] != '"'))
    return bad("header has no 'descr'");
  size_t end = v.find(v[0], 1);
  if (end == std::string_view::npos) return bad("unterminated 'descr'");
  std::string_view descr = v.substr(1, end - 1);
  bool found = false;
  for (const auto& d : kDescrs)
    if (descr == d.descr) out->type = d.type, found = true;
  if (!found) return bad("unsupported dtype '" + std::string(descr) + "' (big-endian or object arrays are not read)");

  if (!find_value(header, "fortran_order", &v)) return bad("header has no 'fortran_order'");
  if (v.substr(0, 4) == "True") return bad("Fortran-order arrays are not supported; save with C order");
  if (v.substr(0, 5) != "False") return bad("bad 'fortran_order' value");

  if (!find_value(header, "shape", &v) || v.empty() || v[0] != '(') return bad("header has no 'shape' tuple");
  size_t close = v.find(')');
  if (close == std::string_view::npos) return bad("unterminated 'shape'");
  std::string_view dims = v.substr(1, close - 1);
  out->shape.clear();
  size_t i = 0;
  while (i < dims.size()) {
    while (i < dims.size() && (dims[i] == ' ' || dims[i] == ',')) ++i;
    if (i >= dims.size()) break;
    if (dims[i] < '0' || dims[i] > '9') return bad("bad character in 'shape'");
    int64_t d = 0;
    while (i < dims.size() && dims[i] >= '0' && dims[i] <= '9') {
      d = d * 10 + (dims[i] - '0');
      if (d > (int64_t{1} << 40)) return bad("dimension too large");
      ++i;
    }
    out->shape.push_back(d);
    if (out->shape.size() > static_cast<size_t>(kMaxRank)) return bad("more than 8 dimensions");
  }
  return OkStatus();
}

}  // namespace

const char* npy_descr(DType t) {
  for (const auto& d : kDescrs)
    if (d.type == t) return d.descr;
  return nullptr;
}

Status parse_npy(std::span<const uint8_t> bytes, NpyArray* out) {
  if (bytes.size() < 10 || std::memcmp(bytes.data(), kMagic, kMagicSize) != 0) return bad("missing \\x93NUMPY magic");
  uint8_t major = bytes[6];
  size_t header_len, header_start;
  if (major == 1) {
    header_len = bytes[8] | (bytes[9] << 8);
    header_start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) return bad("truncated header");
    header_len = bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (static_cast<size_t>(bytes[11]) << 24);
    header_start = 12;
  } else {
    return bad("format version " + std::to_string(major) + " is not supported");
  }
  if (header_len > kMaxHeader || header_start + header_len > bytes.size()) return bad("truncated header");
  std::string_view header(reinterpret_cast<const char*>(bytes.data() + header_start), header_len);
  TFB_RETURN_IF_ERROR(parse_header(header, out));

  int64_t count = 1;
  for (int64_t d : out->shape) {
    // Each dimension is below 2^40 (parse_header), so checking before the
    // multiply keeps the product in range.
    if (d != 0 && count > (int64_t{1} << 40) / d) return bad("array too large");
    count *= d;
  }
  size_t need = static_cast<size_t>(count) * dtype_size(out->type);
  size_t have = bytes.size() - header_start - header_len;
  if (have != need)
    return bad("shape " + std::to_string(count) + " elements needs " + std::to_string(need) + " data bytes, file has " +
               std::to_string(have));
  const uint8_t* data = bytes.data() + header_start + header_len;
  out->data.assign(data, data + need);
  return OkStatus();
}

std::vector<uint8_t> npy_header(DType type, std::span<const int64_t> shape) {
  std::string header = "{'descr': '";
  header += npy_descr(type);
  header += "', 'fortran_order': False, 'shape': (";
  for (size_t i = 0; i < shape.size(); ++i) {
    header += std::to_string(shape[i]);
    if (shape.size() == 1 || i + 1 < shape.size()) header += ",";
    if (i + 1 < shape.size()) header += " ";
  }
  header += "), }";
  // Pad so the data starts at a multiple of 64 bytes, ending with '\n'.
  size_t total = kMagicSize + 4 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::vector<uint8_t> out(kMagic, kMagic + kMagicSize);
  out.push_back(1);
  out.push_back(0);
  out.push_back(static_cast<uint8_t>(header.size() & 0xff));
  out.push_back(static_cast<uint8_t>(header.size() >> 8));
  out.insert(out.end(), header.begin(), header.end());
  return out;
}

std::vector<uint8_t> npy_header(const Tensor& t) {
  std::vector<int64_t> shape(t.shape.dim, t.shape.dim + t.shape.rank);
  return npy_header(t.type, shape);
}

std::vector<uint8_t> serialize_npy(DType type, std::span<const int64_t> shape, std::span<const uint8_t> data) {
  std::vector<uint8_t> out = npy_header(type, shape);
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

std::vector<uint8_t> serialize_npy(const Tensor& t) {
  std::vector<uint8_t> out = npy_header(t);
  out.insert(out.end(), t.data, t.data + t.required_bytes());
  return out;
}

}  // namespace tfb
