// DENSIFY: expands a constant tensor stored sparse (TACO-style
// SparsityParameters) into its dense form. The dense shape has n
// dimensions; k of them may be blocked, adding k block dimensions
// (ids n..n+k-1). dim_metadata describes the n + k levels in
// traversal_order; a DENSE level has dense_size entries, a SPARSE_CSR level
// lists, for each position of the level above, the indices it stores
// (array_segments delimits each position's run in array_indices). Stored
// values appear in traversal order. Every segment and index is checked in
// prepare, which walks the structure once.
#include <cstring>

#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct Level {
  bool sparse = false;
  int64_t size = 0;  // extent of this level's index
  std::vector<int64_t> segments, indices;
};

struct DensifyState : KernelState {
  int n = 0;                   // dense rank
  std::vector<Level> levels;   // n + k, in traversal order
  std::vector<int> traversal;  // dimension id of each level
  std::vector<int> block_dim;  // original dimension of each block b
  std::vector<int64_t> block_size;
  int64_t values = 0;  // stored values
  int64_t dense_stride[kMaxRank] = {};
};

// Reads a SparseIndexVector union member as int64 values.
bool read_index_vector(tflfb::SparseIndexVector type, const void* v, std::vector<int64_t>* out) {
  out->clear();
  if (!v) return false;
  switch (type) {
    case tflfb::SparseIndexVector_Int32Vector:
      if (auto* x = static_cast<const tflfb::Int32Vector*>(v)->values()) out->assign(x->begin(), x->end());
      return true;
    case tflfb::SparseIndexVector_Uint16Vector:
      if (auto* x = static_cast<const tflfb::Uint16Vector*>(v)->values()) out->assign(x->begin(), x->end());
      return true;
    case tflfb::SparseIndexVector_Uint8Vector:
      if (auto* x = static_cast<const tflfb::Uint8Vector*>(v)->values()) out->assign(x->begin(), x->end());
      return true;
    default:
      return false;
  }
}

// Visits every stored value in order, calling emit(dense_offset). `idx`
// holds the index of each level above `level`; `pos` is the position in the
// level above (its flattened dense index, or its slot in array_indices).
template <class Emit>
Status walk(const DensifyState& s, size_t level, int64_t pos, int64_t* idx, int64_t* emitted, Emit emit) {
  if (level == s.levels.size()) {
    TFB_REQUIRE(*emitted < s.values, "sparse structure addresses more than the %lld stored values",
                static_cast<long long>(s.values));
    int64_t orig[kMaxRank] = {};
    for (int i = 0; i < s.n; ++i) orig[s.traversal[i]] = idx[i];
    for (size_t i = s.n; i < s.levels.size(); ++i) {
      const int b = s.traversal[i] - s.n;
      orig[s.block_dim[b]] = orig[s.block_dim[b]] * s.block_size[b] + idx[i];
    }
    int64_t offset = 0;
    for (int d = 0; d < s.n; ++d) offset += orig[d] * s.dense_stride[d];
    emit(offset, (*emitted)++);
    return OkStatus();
  }
  const Level& L = s.levels[level];
  if (!L.sparse) {
    for (int64_t i = 0; i < L.size; ++i) {
      idx[level] = i;
      TFB_RETURN_IF_ERROR(walk(s, level + 1, pos * L.size + i, idx, emitted, emit));
    }
    return OkStatus();
  }
  TFB_REQUIRE(pos >= 0 && pos + 1 < static_cast<int64_t>(L.segments.size()), "level %zu has no segment %lld", level,
              static_cast<long long>(pos));
  const int64_t first = L.segments[pos], last = L.segments[pos + 1];
  TFB_REQUIRE(first >= 0 && first <= last && last <= static_cast<int64_t>(L.indices.size()),
              "level %zu segment %lld [%lld, %lld) is invalid", level, static_cast<long long>(pos),
              static_cast<long long>(first), static_cast<long long>(last));
  for (int64_t i = first; i < last; ++i) {
    TFB_REQUIRE(L.indices[i] >= 0 && L.indices[i] < L.size, "level %zu index %lld is out of range [0, %lld)", level,
                static_cast<long long>(L.indices[i]), static_cast<long long>(L.size));
    idx[level] = L.indices[i];
    TFB_RETURN_IF_ERROR(walk(s, level + 1, i, idx, emitted, emit));
  }
  return OkStatus();
}

Status densify_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 1, 1, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_SUPPORTED(dtype_size(in.type) > 0, "DENSIFY on %s is not supported", dtype_name(in.type));
  TFB_REQUIRE(in.sparsity, "input '%.*s' has no sparsity parameters", static_cast<int>(in.name.size()), in.name.data());
  TFB_REQUIRE(in.is_constant(), "input must be a constant sparse tensor");
  const tflfb::SparsityParameters& sp = *in.sparsity;
  auto s = std::make_unique<DensifyState>();
  s->n = in.rank();
  TFB_REQUIRE(sp.traversal_order() && sp.dim_metadata(), "sparsity parameters lack traversal_order or dim_metadata");
  s->traversal.assign(sp.traversal_order()->begin(), sp.traversal_order()->end());
  if (sp.block_map()) s->block_dim.assign(sp.block_map()->begin(), sp.block_map()->end());
  const int k = static_cast<int>(s->block_dim.size());
  const int levels = static_cast<int>(s->traversal.size());
  TFB_REQUIRE(levels == s->n + k && k <= s->n && static_cast<int>(sp.dim_metadata()->size()) == levels,
              "sparsity has %d traversal entries, %d block dims and %u dim_metadata for a rank %d tensor", levels, k,
              sp.dim_metadata()->size(), s->n);
  // The first n levels are a permutation of the dense dimensions, the rest of the block dimensions.
  std::vector<bool> seen(static_cast<size_t>(levels), false);
  for (int i = 0; i < levels; ++i) {
    const int id = s->traversal[i];
    const bool ok = i < s->n ? id >= 0 && id < s->n : id >= s->n && id < levels;
    TFB_REQUIRE(ok && !seen[id], "traversal_order entry %d (%d) is invalid", i, id);
    seen[id] = true;
  }
  std::vector<bool> blocked(static_cast<size_t>(s->n), false);
  s->block_size.assign(k, 0);
  for (int b = 0; b < k; ++b) {
    TFB_REQUIRE(s->block_dim[b] >= 0 && s->block_dim[b] < s->n && !blocked[s->block_dim[b]],
                "block_map entry %d is invalid", b);
    blocked[s->block_dim[b]] = true;
  }
  for (int i = 0; i < levels; ++i) {
    const tflfb::DimensionMetadata* m = sp.dim_metadata()->Get(i);
    TFB_REQUIRE(m, "dim_metadata %d is missing", i);
    Level& L = *s->levels.emplace(s->levels.end());
    L.sparse = m->format() == tflfb::DimensionType_SPARSE_CSR;
    if (L.sparse) {
      TFB_REQUIRE(read_index_vector(m->array_segments_type(), m->array_segments(), &L.segments) &&
                      read_index_vector(m->array_indices_type(), m->array_indices(), &L.indices),
                  "sparse level %d lacks array_segments or array_indices", i);
    } else {
      L.size = m->dense_size();
    }
    if (s->traversal[i] >= s->n) {
      TFB_REQUIRE(!L.sparse && L.size > 0, "block level %d must be dense with a positive size", i);
      s->block_size[s->traversal[i] - s->n] = L.size;
    }
  }
  // Each dense dimension's level spans the dimension divided by its block.
  for (int i = 0; i < s->n; ++i) {
    const int d = s->traversal[i];
    int64_t block = 1;
    for (int b = 0; b < k; ++b)
      if (s->block_dim[b] == d) block = s->block_size[b];
    TFB_REQUIRE(in.dim(d) % block == 0, "dimension %d (%d) is not a multiple of its block %lld", d, in.dim(d),
                static_cast<long long>(block));
    Level& L = s->levels[i];
    TFB_REQUIRE(L.sparse || L.size == in.dim(d) / block, "level %d has dense_size %lld, expected %lld", i,
                static_cast<long long>(L.size), static_cast<long long>(in.dim(d) / block));
    L.size = in.dim(d) / block;
  }
  int64_t stride = 1;
  for (int d = s->n - 1; d >= 0; --d) {
    s->dense_stride[d] = stride;
    stride *= in.dim(d);
  }
  s->values = static_cast<int64_t>(in.bytes / dtype_size(in.type));
  // Walk once to check every segment and index; the dense offsets are then in range.
  int64_t idx[2 * kMaxRank] = {}, emitted = 0;
  TFB_RETURN_IF_ERROR(walk(*s, 0, 0, idx, &emitted, [](int64_t, int64_t) {}));
  TFB_REQUIRE(emitted == s->values, "sparse structure addresses %lld values, %lld are stored",
              static_cast<long long>(emitted), static_cast<long long>(s->values));
  n.state = std::move(s);
  return ctx.set_shape(out, in.shape);
}

Status densify_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<DensifyState>();
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  const size_t elem = dtype_size(in.type);
  if (out.bytes) std::memset(out.data, 0, out.bytes);
  int64_t idx[2 * kMaxRank] = {}, emitted = 0;
  return walk(s, 0, 0, idx, &emitted, [&](int64_t offset, int64_t value) {
    std::memcpy(out.data + offset * static_cast<int64_t>(elem), in.data + value * static_cast<int64_t>(elem), elem);
  });
}

}  // namespace

extern const KernelDef op_DENSIFY = {
    tflfb::BuiltinOperator_DENSIFY, nullptr, "DENSIFY", 1, kPure, "f32 f16 i8", densify_prepare, densify_eval};

}  // namespace tfb
