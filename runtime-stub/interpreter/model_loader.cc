#include "interpreter/model_loader.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "flatbuffers/flatbuffers.h"
#include "kernels/registry.h"

namespace tfb {

using flatbuffers::uoffset_t;

namespace {


constexpr uint32_t kSchemaVersion = 3;
// Generous limits for the verifier: real models have < 100k tables.
constexpr uoffset_t kMaxDepth = 128;
constexpr uoffset_t kMaxTables = 50000000;

#define TFB_MODEL_CHECK(cond, ...) TFB_REQUIRE(cond, __VA_ARGS__)

// Elements a tensor may have: keeps every byte count far from overflow.
constexpr int64_t kMaxElements = int64_t{1} << 38;

// The range a zero point must lie in for integer dtypes, so that kernels
// can subtract it in 32-bit arithmetic.
bool zero_point_fits(DType type, int64_t zp) {
  switch (type) {
    case DType::kI8: return zp >= -128 && zp <= 127;
    case DType::kU8: return zp >= 0 && zp <= 255;
    case DType::kI16: return zp >= -32768 && zp <= 32767;
    default: return zp >= INT32_MIN && zp <= INT32_MAX;
  }
}

// Storage for constants with no elements (an empty axis list): a valid,
// aligned address that no kernel reads from.
alignas(64) const uint8_t kNoElements[64] = {};

// Builds the tensors of one subgraph, checking each against the model.
// `variable_bytes` accumulates the memory variables take, bounded by
// `max_memory`.
Status load_tensors(const LoadedModel& lm, const tflfb::SubGraph* sg, int sg_index, size_t max_memory,
                    size_t* variable_bytes, Subgraph* out) {
  const auto* buffers = lm.model->buffers();
  const auto* tensors = sg->tensors();
  size_t n = tensors ? tensors->size() : 0;
  out->tensors.resize(n);
  for (size_t ti = 0; ti < n; ++ti) {
    const tflfb::Tensor* ft = tensors->Get(static_cast<uoffset_t>(ti));
    Tensor& t = out->tensors[ti];
    if (ft->name()) t.name = std::string_view(ft->name()->c_str(), ft->name()->size());
    int type = static_cast<int>(ft->type());
    TFB_MODEL_CHECK(dtype_known(type), "subgraph %d tensor #%zu has unknown type code %d", sg_index, ti, type);
    t.type = static_cast<DType>(type);
    if (const auto* shape = ft->shape()) {
      TFB_SUPPORTED(shape->size() <= static_cast<uoffset_t>(kMaxRank),
                    "subgraph %d tensor #%zu has rank %u (at most %d supported)", sg_index, ti, shape->size(), kMaxRank);
      t.shape.rank = static_cast<int>(shape->size());
      int64_t extent = 1;  // Shape::extent
      for (int d = 0; d < t.shape.rank; ++d) {
        int32_t v = shape->Get(d);
        TFB_MODEL_CHECK(v >= 0, "subgraph %d tensor #%zu '%s' has dimension %d = %d", sg_index, ti,
                        std::string(t.name).c_str(), d, v);
        t.shape.dim[d] = v;
        TFB_MODEL_CHECK(v == 0 || extent <= kMaxElements / v, "subgraph %d tensor #%zu '%s' is too large: %s",
                        sg_index, ti, std::string(t.name).c_str(), t.shape.str().c_str());
        extent *= std::max(v, 1);
      }
      // An empty tensor holds nothing, but kernels size their loops and
      // state by its other dimensions.
      TFB_CHECK_KIND(ErrorKind::kResourceExhausted,
                     t.shape.count() != 0 || static_cast<size_t>(extent) * dtype_size(t.type) <= max_memory,
                     "subgraph %d tensor #%zu '%s' %s is empty, but its other dimensions span more than the memory "
                     "limit of %zu bytes",
                     sg_index, ti, std::string(t.name).c_str(), t.shape.str().c_str(), max_memory);
    }
    t.bytes = t.required_bytes();
    t.is_variable = ft->is_variable();
    t.sparsity = ft->sparsity();

    if (const auto* q = ft->quantization()) {
      if (q->scale() && q->scale()->size() > 0) {
        size_t ns = q->scale()->size();
        size_t nz = q->zero_point() ? q->zero_point()->size() : 0;
        TFB_MODEL_CHECK(nz == ns || nz == 0, "tensor #%zu '%s' has %zu scales but %zu zero points", ti,
                        std::string(t.name).c_str(), ns, nz);
        t.quant.scale.assign(q->scale()->begin(), q->scale()->end());
        // The verifier aligns vectors to 4 bytes only: copy the int64 zero
        // points byte-wise rather than load them through a misaligned pointer.
        t.quant.zero_point.assign(ns, 0);
        if (nz) std::memcpy(t.quant.zero_point.data(), q->zero_point()->Data(), nz * sizeof(int64_t));
        for (int64_t zp : t.quant.zero_point)
          TFB_MODEL_CHECK(zero_point_fits(t.type, zp), "tensor #%zu '%s' (%s) has zero point %lld", ti,
                          std::string(t.name).c_str(), dtype_name(t.type), static_cast<long long>(zp));
        t.quant.axis = q->quantized_dimension();
        for (float s : t.quant.scale)
          TFB_MODEL_CHECK(std::isfinite(s) && s >= 0, "tensor #%zu '%s' has quantization scale %g", ti,
                          std::string(t.name).c_str(), s);
        if (ns > 1) {
          // TFLite Micro writes per-channel biases (rank 1) with the filter's
          // axis; the channel count is what matters.
          if (t.shape.rank == 1 && t.quant.axis != 0) t.quant.axis = 0;
          TFB_MODEL_CHECK(t.quant.axis >= 0 && t.quant.axis < t.shape.rank &&
                              static_cast<size_t>(t.shape.dim[t.quant.axis]) == ns,
                          "tensor #%zu '%s' %s has %zu scales along dimension %d", ti, std::string(t.name).c_str(),
                          t.shape.str().c_str(), ns, t.quant.axis);
        }
      }
    }

    uint32_t bi = ft->buffer();
    TFB_MODEL_CHECK(!buffers ? bi == 0 : bi < buffers->size(), "tensor #%zu '%s' refers to buffer %u of %u", ti,
                    std::string(t.name).c_str(), bi, buffers ? buffers->size() : 0);
    const uint8_t* data = nullptr;
    size_t size = 0;
    if (bi != 0) {
      const tflfb::Buffer* b = buffers->Get(bi);
      if (b->offset() > 1) {
        // Data stored after the flatbuffer (models over 2 GB).
        TFB_MODEL_CHECK(b->offset() <= lm.file.size() && b->size() <= lm.file.size() - b->offset(),
                        "buffer %u points outside the file (offset %llu, size %llu)", bi,
                        static_cast<unsigned long long>(b->offset()), static_cast<unsigned long long>(b->size()));
        data = lm.file.data() + b->offset();
        size = b->size();
      } else if (b->data()) {
        data = b->data()->data();
        size = b->data()->size();
      }
    }
    if (data && size > 0) {
      TFB_MODEL_CHECK(!t.is_variable, "variable tensor #%zu '%s' has constant data", ti, std::string(t.name).c_str());
      bool fixed_size = dtype_size(t.type) > 0 && !t.sparsity;
      TFB_MODEL_CHECK(!fixed_size || size == t.bytes, "tensor #%zu '%s' %s %s needs %zu bytes, its buffer has %zu", ti,
                      std::string(t.name).c_str(), dtype_name(t.type), t.shape.str().c_str(), t.bytes, size);
      t.storage = Storage::kConstant;
      t.bytes = size;
      size_t align = std::max<size_t>(dtype_size(t.type), 1);
      if (reinterpret_cast<uintptr_t>(data) % std::min<size_t>(align, 16) != 0) {
        t.heap.resize(size);
        std::memcpy(t.heap.data(), data, size);
        data = t.heap.data();
      }
      t.data = const_cast<uint8_t*>(data);
    } else if (t.is_variable) {
      *variable_bytes += t.bytes;  // at most 2^38 elements of 16 bytes each: cannot overflow
      TFB_CHECK_KIND(ErrorKind::kResourceExhausted, *variable_bytes <= max_memory,
                     "variable tensor #%zu '%s' %s %s needs %zu bytes; with the other variables that is more than "
                     "the memory limit of %zu bytes",
                     ti, std::string(t.name).c_str(), dtype_name(t.type), t.shape.str().c_str(), t.bytes, max_memory);
      t.heap.resize(t.bytes);
      t.data = t.heap.data();
      t.storage = Storage::kHeap;
      reset_variable(t);
    }
  }
  return OkStatus();
}

Status check_index_list(const flatbuffers::Vector<int32_t>* list, size_t ntensors, bool allow_missing,
                        const char* what) {
  if (!list) return OkStatus();
  for (int32_t i : *list)
    TFB_MODEL_CHECK((allow_missing && i == -1) || (i >= 0 && static_cast<size_t>(i) < ntensors),
                    "%s refers to tensor %d of %zu", what, i, ntensors);
  return OkStatus();
}

std::vector<int> to_vector(const flatbuffers::Vector<int32_t>* v) {
  return v ? std::vector<int>(v->begin(), v->end()) : std::vector<int>();
}

// A tensor with no elements that no op writes and the graph does not take
// as input holds no data to wait for: it is an (empty) constant, as TFLite
// treats it, e.g. an empty axis list whose buffer is empty.
void mark_empty_constants(const tflfb::SubGraph* sg, Subgraph* out) {
  const size_t nt = out->tensors.size();
  std::vector<uint8_t> produced(nt, 0);
  for (int i : out->inputs) produced[i] = 1;
  if (const auto* ops = sg->operators())
    for (const tflfb::Operator* op : *ops)
      if (op->outputs())
        for (int32_t o : *op->outputs())
          if (o >= 0 && static_cast<size_t>(o) < nt) produced[o] = 1;
  for (size_t i = 0; i < nt; ++i) {
    Tensor& t = out->tensors[i];
    if (produced[i] || t.is_variable || t.storage != Storage::kNone || t.count() != 0 || dtype_size(t.type) == 0)
      continue;
    t.storage = Storage::kConstant;
    t.data = const_cast<uint8_t*>(kNoElements);
    t.bytes = 0;
  }
}

Status load_subgraph(const LoadedModel& lm, int index, size_t max_memory, size_t* variable_bytes,
                     std::map<std::string, int>* missing, Subgraph* out) {
  const tflfb::SubGraph* sg = lm.model->subgraphs()->Get(index);
  out->index = index;
  if (sg->name()) out->name = std::string_view(sg->name()->c_str(), sg->name()->size());
  TFB_RETURN_IF_ERROR(load_tensors(lm, sg, index, max_memory, variable_bytes, out));
  size_t nt = out->tensors.size();
  std::string where = strfmt("subgraph %d", index);
  TFB_RETURN_IF_ERROR(check_index_list(sg->inputs(), nt, false, (where + " inputs").c_str()));
  TFB_RETURN_IF_ERROR(check_index_list(sg->outputs(), nt, false, (where + " outputs").c_str()));
  out->inputs = to_vector(sg->inputs());
  out->outputs = to_vector(sg->outputs());
  mark_empty_constants(sg, out);

  // Every tensor an op reads must exist before it: a constant, a graph
  // input, a variable, or the output of an earlier op. This also rules out
  // cycles, and writes into constants or graph inputs.
  std::vector<uint8_t> written(nt, 0);
  for (int i : out->inputs) written[i] = 1;
  for (size_t t = 0; t < nt; ++t)
    if (out->tensors[t].is_constant() || out->tensors[t].is_variable) written[t] = 1;

  const auto* codes = lm.model->operator_codes();
  const auto* ops = sg->operators();
  size_t nops = ops ? ops->size() : 0;
  out->nodes.resize(nops);
  for (size_t oi = 0; oi < nops; ++oi) {
    const tflfb::Operator* op = ops->Get(static_cast<uoffset_t>(oi));
    Node& n = out->nodes[oi];
    n.index = static_cast<int>(oi);
    n.op = op;
    TFB_MODEL_CHECK(codes && op->opcode_index() < codes->size(), "%s op #%zu uses opcode %u of %u", where.c_str(), oi,
                    op->opcode_index(), codes ? codes->size() : 0);
    const tflfb::OperatorCode* code = codes->Get(op->opcode_index());
    n.version = code->version();
    std::string op_where = strfmt("%s op #%zu %s", where.c_str(), oi, op_code_name(code).c_str());
    TFB_RETURN_IF_ERROR(check_index_list(op->inputs(), nt, true, (op_where + " input").c_str()));
    TFB_RETURN_IF_ERROR(check_index_list(op->outputs(), nt, false, (op_where + " output").c_str()));
    TFB_RETURN_IF_ERROR(check_index_list(op->intermediates(), nt, false, (op_where + " intermediate").c_str()));
    n.inputs = to_vector(op->inputs());
    n.outputs = to_vector(op->outputs());
    n.intermediates = to_vector(op->intermediates());

    const char* custom = code->custom_code() ? code->custom_code()->c_str() : "";
    int32_t builtin = builtin_code(code);
    n.kernel = find_kernel(builtin, custom);
    if (!n.kernel || n.version > n.kernel->max_version) {
      std::string name = op_code_name(code);
      if (n.kernel) name += strfmt(" v%d", n.version);
      if (!missing) {
        if (n.kernel)
          return Error(ErrorKind::kUnsupported, "%s: version %d is newer than this runtime supports (%d)",
                       op_where.c_str(), n.version, n.kernel->max_version);
        return Error(ErrorKind::kUnsupported, "%s: op not supported by this runtime", op_where.c_str());
      }
      (*missing)[name]++;
    }

    if (op->large_custom_options_offset() > 1) {
      uint64_t off = op->large_custom_options_offset(), size = op->large_custom_options_size();
      TFB_MODEL_CHECK(off <= lm.file.size() && size <= lm.file.size() - off, "%s custom options lie outside the file",
                      op_where.c_str());
      n.custom_options = std::span<const uint8_t>(lm.file.data() + off, size);
    } else if (op->custom_options()) {
      n.custom_options = std::span<const uint8_t>(op->custom_options()->data(), op->custom_options()->size());
    }

    for (int i : n.inputs)
      TFB_MODEL_CHECK(i < 0 || written[i], "%s reads tensor #%d '%s' before any op writes it", op_where.c_str(), i,
                      std::string(out->tensors[i].name).c_str());
    for (int o : n.outputs) {
      const Tensor& t = out->tensors[o];
      TFB_MODEL_CHECK(!t.is_constant(), "%s writes into constant tensor #%d '%s'", op_where.c_str(), o,
                      std::string(t.name).c_str());
      TFB_MODEL_CHECK(!written[o] || t.is_variable, "%s writes tensor #%d '%s' that is already written",
                      op_where.c_str(), o, std::string(t.name).c_str());
      written[o] = 1;
    }
  }
  for (int o : out->outputs)
    TFB_MODEL_CHECK(written[o], "%s output tensor #%d '%s' is never written", where.c_str(), o,
                    std::string(out->tensors[o].name).c_str());
  return OkStatus();
}

}  // namespace

int32_t builtin_code(const tflfb::OperatorCode* code) {
  return std::max<int32_t>(code->deprecated_builtin_code(), static_cast<int32_t>(code->builtin_code()));
}

std::string op_code_name(const tflfb::OperatorCode* code) {
  int32_t b = builtin_code(code);
  if (b == tflfb::BuiltinOperator_CUSTOM)
    return std::string("CUSTOM:") + (code->custom_code() ? code->custom_code()->c_str() : "?");
  if (b >= tflfb::BuiltinOperator_MIN && b <= tflfb::BuiltinOperator_MAX) {
    const char* name = tflfb::EnumNameBuiltinOperator(static_cast<tflfb::BuiltinOperator>(b));
    if (name && *name) return name;
  }
  return strfmt("BUILTIN_%d", b);
}

Status verify_flatbuffer(std::span<const uint8_t> file) {
  TFB_MODEL_CHECK(file.size() >= 8, "model is %zu bytes, too small to be a .tflite file", file.size());
  TFB_MODEL_CHECK(flatbuffers::BufferHasIdentifier(file.data(), tflfb::ModelIdentifier()),
                  "not a TFLite model: bytes 4..7 are not \"TFL3\"");
  // Flatbuffers address at most 2 GiB; larger files keep weights after it.
  size_t size = std::min<size_t>(file.size(), FLATBUFFERS_MAX_BUFFER_SIZE - 1);
  flatbuffers::Verifier verifier(file.data(), size, kMaxDepth, kMaxTables);
  TFB_MODEL_CHECK(tflfb::VerifyModelBuffer(verifier), "model flatbuffer is corrupt (verifier rejected it)");
  return OkStatus();
}

Status load_model(std::span<const uint8_t> file, LoadedModel* out, std::vector<MissingOp>* missing,
                  size_t max_memory) {
  TFB_RETURN_IF_ERROR(verify_flatbuffer(file));
  out->file = file;
  out->model = tflfb::GetModel(file.data());
  const tflfb::Model* m = out->model;
  TFB_MODEL_CHECK(m->version() == kSchemaVersion, "model schema version %u is not supported (need %u)", m->version(),
                  kSchemaVersion);
  TFB_MODEL_CHECK(m->subgraphs() && m->subgraphs()->size() > 0, "model has no subgraphs");
  if (const auto* codes = m->operator_codes()) {
    for (uoffset_t i = 0; i < codes->size(); ++i) {
      const auto* c = codes->Get(i);
      TFB_MODEL_CHECK(builtin_code(c) >= 0, "operator code %u has negative builtin code %d", i, builtin_code(c));
      TFB_MODEL_CHECK(builtin_code(c) != tflfb::BuiltinOperator_CUSTOM || c->custom_code(),
                      "operator code %u is CUSTOM without a name", i);
    }
  }
  std::map<std::string, int> missing_counts;
  out->subgraphs.clear();
  size_t variable_bytes = 0;
  for (uoffset_t i = 0; i < m->subgraphs()->size(); ++i) {
    auto sg = std::make_unique<Subgraph>();
    TFB_RETURN_IF_ERROR(load_subgraph(*out, static_cast<int>(i), max_memory, &variable_bytes,
                                      missing ? &missing_counts : nullptr, sg.get()));
    out->subgraphs.push_back(std::move(sg));
  }
  if (missing && !missing_counts.empty()) {
    std::string list;
    for (const auto& [name, count] : missing_counts) {
      missing->push_back({name, count});
      list += (list.empty() ? "" : ", ") + name + strfmt(" (x%d)", count);
    }
    return Error(ErrorKind::kUnsupported, "model uses ops this runtime does not have: %s", list.c_str());
  }
  return OkStatus();
}

}  // namespace tfb
