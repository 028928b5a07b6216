#include "app/run_tensors.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "app/npy.h"
#include "embed/file_util.h"

namespace tfb {

namespace {

std::string describe_input(const Interpreter& interp, int i) {
  const Tensor& t = interp.input(i);
  return strfmt("input %d '%s' (%s %s)", i, std::string(t.name).c_str(), dtype_name(t.type), t.shape.str().c_str());
}

std::string shape_str(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? ", " : "") + std::to_string(dims[i]);
  return s + "]";
}

// True when the model declares this input resizable to `dims`: its shape
// signature has the same rank and -1 wherever the dimensions differ.
bool resizable_to(const Interpreter& interp, int i, const std::vector<int64_t>& dims) {
  const auto* sg = interp.model().model->subgraphs()->Get(0);
  const auto* sig = sg->tensors()->Get(static_cast<flatbuffers::uoffset_t>(interp.main().inputs[i]))->shape_signature();
  if (!sig || sig->size() != dims.size()) return false;
  for (size_t d = 0; d < dims.size(); ++d) {
    int32_t want = sig->Get(static_cast<flatbuffers::uoffset_t>(d));
    if (want != -1 && want != dims[d]) return false;
  }
  return true;
}

Status read_npy(const std::string& path, NpyArray* out) {
  embed::MappedFile file;
  if (auto e = embed::MappedFile::open(path, &file); !e.ok()) return Status(ErrorKind::kBadInput, e.message);
  Status st = parse_npy(file.bytes(), out);
  return st.prefixed(path + ": ");
}

}  // namespace

Status set_inputs(Interpreter& interp, const std::vector<std::string>& files) {
  int n = interp.num_inputs();
  if (static_cast<int>(files.size()) != n) {
    std::string wanted;
    for (int i = 0; i < n; ++i) wanted += (i ? ", " : "") + describe_input(interp, i);
    return Error(ErrorKind::kBadInput, "the model takes %d input%s%s%s; %zu --input file%s given", n, n == 1 ? "" : "s",
                 n ? ": " : "", wanted.c_str(), files.size(), files.size() == 1 ? " was" : "s were");
  }
  std::vector<NpyArray> arrays(files.size());
  for (int i = 0; i < n; ++i) TFB_RETURN_IF_ERROR(read_npy(files[i], &arrays[i]));
  return set_input_arrays(interp, arrays, files);
}

Status set_input_arrays(Interpreter& interp, const std::vector<NpyArray>& arrays,
                        const std::vector<std::string>& names) {
  const int n = static_cast<int>(arrays.size());
  for (int i = 0; i < n; ++i) {
    const NpyArray& a = arrays[i];
    const Tensor& t = interp.input(i);
    if (a.type != t.type)
      return Error(ErrorKind::kBadInput, "%s: dtype %s, but %s", names[i].c_str(), dtype_name(a.type),
                   describe_input(interp, i).c_str());
    std::vector<int64_t> want(t.shape.dim, t.shape.dim + t.shape.rank);
    if (a.shape == want) continue;
    if (!resizable_to(interp, i, a.shape))
      return Error(ErrorKind::kBadInput, "%s: shape %s, but %s", names[i].c_str(), shape_str(a.shape).c_str(),
                   describe_input(interp, i).c_str());
    Shape s;
    s.rank = static_cast<int>(a.shape.size());
    for (int d = 0; d < s.rank; ++d) {
      if (a.shape[d] > INT32_MAX)
        return Error(ErrorKind::kBadInput, "%s: dimension %d is too large", names[i].c_str(), d);
      s.dim[d] = static_cast<int32_t>(a.shape[d]);
    }
    Status st = interp.resize_input(i, s);
    if (!st.ok())
      return Status(ErrorKind::kBadInput, names[i] + ": the model cannot take shape " + s.str() + ": " + st.message());
  }
  // Copy only once every resize is done: a resize moves the buffers.
  for (int i = 0; i < n; ++i) {
    Tensor& t = interp.input(i);
    if (arrays[i].data.size() != t.required_bytes())
      return Error(ErrorKind::kBadInput, "%s: %zu data bytes, but %s needs %zu", names[i].c_str(),
                   arrays[i].data.size(), describe_input(interp, i).c_str(), t.required_bytes());
    if (!arrays[i].data.empty()) std::memcpy(t.data, arrays[i].data.data(), arrays[i].data.size());
  }
  return OkStatus();
}

Status read_input_file(const std::string& path, std::vector<uint8_t>* out) {
  constexpr size_t kMaxInput = size_t{1} << 31;
  if (path == "-") {
    out->clear();
    uint8_t buf[1 << 16];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof(buf), stdin)) > 0) {
      if (out->size() + n > kMaxInput) return Error(ErrorKind::kBadInput, "standard input: more than 2 GiB");
      out->insert(out->end(), buf, buf + n);
    }
    if (std::ferror(stdin)) return Error(ErrorKind::kBadInput, "standard input: read error");
    return OkStatus();
  }
  embed::MappedFile file;
  if (auto e = embed::MappedFile::open(path, &file); !e.ok()) return Status(ErrorKind::kBadInput, e.message);
  if (file.bytes().size() > kMaxInput) return Error(ErrorKind::kBadInput, "%s: larger than 2 GiB", path.c_str());
  out->assign(file.bytes().begin(), file.bytes().end());
  return OkStatus();
}

Status write_outputs(const Interpreter& interp, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir))
    return Error(ErrorKind::kIo, "cannot create output directory '%s': %s", dir.c_str(),
                 ec ? ec.message().c_str() : "a file of that name exists");
  // Every file is written under a temporary name first and renamed only
  // when all were written, so a failure (disk full) leaves no partial set.
  std::vector<embed::PendingFile> files(interp.num_outputs());
  for (int i = 0; i < interp.num_outputs(); ++i) {
    const Tensor& t = interp.output(i);
    if (!npy_descr(t.type))
      return Error(ErrorKind::kUnsupported, "output %d '%s' has dtype %s, which .npy files cannot hold", i,
                   std::string(t.name).c_str(), dtype_name(t.type));
    std::string path = dir + "/output_" + std::to_string(i) + ".npy";
    const std::vector<uint8_t> header = npy_header(t);
    const std::span<const uint8_t> parts[] = {header, {t.data, t.required_bytes()}};
    if (auto e = embed::PendingFile::write_parts(path, parts, 0666, /*sync=*/false, &files[i]); !e.ok())
      return Status(ErrorKind::kIo, e.message);
  }
  for (embed::PendingFile& f : files)
    if (auto e = f.commit(); !e.ok()) return Status(ErrorKind::kIo, e.message);
  return OkStatus();
}

}  // namespace tfb
