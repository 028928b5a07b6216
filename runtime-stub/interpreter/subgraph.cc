#include "interpreter/subgraph.h"

#include <algorithm>

#include "interpreter/arena_planner.h"
#include "interpreter/context.h"
#include "interpreter/interpreter.h"

namespace tfb {

namespace {
// Tensors larger than this are refused: no real model comes close, and it
// keeps every size computation far from overflow.
constexpr int64_t kMaxTensorBytes = int64_t{1} << 40;
// Control flow may nest subgraphs (IF in WHILE in IF ...) this deep; each
// level costs native stack.
constexpr int kMaxCallDepth = 64;
thread_local int t_call_depth = 0;

}  // namespace

Status check_shape(const Tensor& t, const Shape& s) {
  // A variable's buffer is allocated once, at load, for its declared shape.
  if (t.is_variable && s != t.shape)
    return Error(ErrorKind::kInvalidModel, "variable tensor '%.*s' %s cannot change shape to %s",
                 static_cast<int>(t.name.size()), t.name.data(), t.shape.str().c_str(), s.str().c_str());
  const int64_t elem = static_cast<int64_t>(std::max<size_t>(dtype_size(t.type), 1));
  int64_t bytes = elem;
  for (int i = 0; i < s.rank; ++i) {
    if (s.dim[i] < 0) return Error(ErrorKind::kInvalidModel, "tensor '%.*s' gets negative dimension %d in %s",
                                   static_cast<int>(t.name.size()), t.name.data(), s.dim[i], s.str().c_str());
    // Divide before multiplying, so the check itself cannot overflow.
    if (s.dim[i] > 0 && bytes > kMaxTensorBytes / s.dim[i])
      return Error(ErrorKind::kInvalidModel, "tensor '%.*s' shape %s is too large",
                   static_cast<int>(t.name.size()), t.name.data(), s.str().c_str());
    bytes *= std::max(s.dim[i], 1);  // an empty dimension still sizes loops over the others
  }
  return OkStatus();
}

namespace {

std::string mib(size_t bytes) { return strfmt("%.1f MiB", static_cast<double>(bytes) / (1 << 20)); }

// Runs an allocation; failure (the machine has less memory than the limit
// allows) becomes an error instead of an abort.
template <class F> Status allocate(F&& fn, const char* what, size_t bytes) {
  try {
    fn();
    return OkStatus();
  } catch (const std::bad_alloc&) {
    return Error(ErrorKind::kResourceExhausted, "out of memory allocating %s (%zu bytes)", what, bytes);
  }
}

// Kernels size their state from untrusted shapes: a failed allocation in a
// prepare (or a heap output in an eval) becomes an error.
Status run_kernel(Status (*fn)(Context&, Node&), Context& ctx, Node& n) {
  try {
    return fn(ctx, n);
  } catch (const std::bad_alloc&) {
    return Error(ErrorKind::kResourceExhausted, "out of memory");
  } catch (const std::length_error&) {
    return Error(ErrorKind::kResourceExhausted, "out of memory (a buffer size is too large)");
  }
}

std::string node_label(const Node& n) { return strfmt("op #%d %s: ", n.index, n.kernel->name); }

// True when running the node cannot change anything: every output has no
// elements and no input is state it could update. Such nodes are skipped,
// so a zero-size tensor with 2^28-long other dimensions cannot make a
// kernel loop over them.
bool produces_nothing(const Node& n, const std::vector<Tensor>& tensors) {
  if (n.outputs.empty()) return false;
  for (int o : n.outputs)
    if (tensors[o].count() != 0) return false;
  for (int i : n.inputs)
    if (i >= 0 && tensors[i].is_variable) return false;
  return true;
}
}  // namespace

Status Subgraph::check_bytes(size_t bytes, const char* what, std::string_view name) const {
  if (bytes <= memory_limit_) return OkStatus();
  return Error(ErrorKind::kResourceExhausted, "%s '%.*s' needs %zu bytes (%s), more than the memory limit of %s",
               what, static_cast<int>(name.size()), name.data(), bytes, mib(bytes).c_str(), mib(memory_limit_).c_str());
}

Status Subgraph::set_shape(Tensor& t, const Shape& s, bool executing) {
  TFB_RETURN_IF_ERROR(check_shape(t, s));
  TFB_RETURN_IF_ERROR(check_bytes(static_cast<size_t>(s.extent()) * dtype_size(t.type),
                                  s.count() ? "tensor" : "empty tensor (its other dimensions)", t.name));
  t.shape = s;
  t.bytes = t.required_bytes();
  if (executing || t.dynamic) {
    t.heap.resize(t.bytes);
    t.data = t.heap.data();
    t.storage = Storage::kHeap;
  }
  return OkStatus();
}

int Subgraph::add_scratch(Node& n, size_t bytes, bool executing) {
  int slot = static_cast<int>(n.scratch.size());
  if (executing && scratch_cursor_ < n.scratch.size()) {
    // A node prepared at every eval reuses the buffers of its last run.
    slot = static_cast<int>(scratch_cursor_);
  } else {
    n.scratch.push_back(static_cast<int>(scratch_.size()));
    scratch_.emplace_back();
    scratch_.back().node = n.index;
  }
  ++scratch_cursor_;
  Scratch& s = scratch_[n.scratch[slot]];
  if (Status st = check_bytes(bytes, "scratch buffer of op", n.kernel->name); !st.ok()) {
    if (scratch_error_.ok()) scratch_error_ = st;  // reported when the kernel's prepare returns
    bytes = 0;
  }
  s.bytes = bytes;
  if (executing) {
    s.heap.resize(bytes);
    s.data = s.heap.data();
  }
  return slot;
}

uint8_t* Subgraph::scratch(const Node& n, int slot) { return scratch_[n.scratch[slot]].data; }

size_t Subgraph::heap_bytes() const {
  size_t total = 0;
  for (const Tensor& t : tensors)
    if (t.storage == Storage::kHeap || t.folded) total += t.heap.size();
  return total;
}

void Subgraph::reset_variables() {
  for (Tensor& t : tensors)
    if (t.is_variable) reset_variable(t);
}

namespace {
// Clears Subgraph::in_use_ when the call that set it returns.
struct InUse {
  bool& flag;
  ~InUse() {
    flag = false;
    --t_call_depth;
  }
};
}  // namespace

Status Subgraph::enter() {
  if (in_use_)
    return Error(ErrorKind::kInvalidModel, "subgraph %d is called from inside itself (recursive control flow)", index);
  if (t_call_depth >= kMaxCallDepth)
    return Error(ErrorKind::kUnsupported, "subgraph %d: control flow nests more than %d subgraphs deep", index,
                 kMaxCallDepth);
  in_use_ = true;
  ++t_call_depth;
  return OkStatus();
}

Status Subgraph::prepare_for_inputs(Interpreter& interp, std::span<const Shape> shapes) {
  if (shapes.size() != inputs.size())
    return Error(ErrorKind::kInvalidModel, "subgraph %d takes %zu inputs, is given %zu", index, inputs.size(),
                 shapes.size());
  bool changed = !prepared_;
  for (size_t i = 0; i < shapes.size(); ++i) {
    Tensor& t = tensors[inputs[i]];
    if (t.shape == shapes[i]) continue;
    TFB_RETURN_IF_ERROR(check_shape(t, shapes[i]));
    t.shape = shapes[i];
    t.bytes = t.required_bytes();
    TFB_RETURN_IF_ERROR(check_bytes(t.bytes, "tensor", t.name));
    changed = true;
  }
  return changed ? prepare(interp) : OkStatus();
}

Status Subgraph::prepare(Interpreter& interp) {
  TFB_RETURN_IF_ERROR(enter());
  InUse guard{in_use_};
  memory_limit_ = interp.options().max_memory_bytes;
  prepared_ = false;
  scratch_.clear();
  for (Tensor& t : tensors) {
    bool model_data = t.storage == Storage::kConstant && !t.folded;
    if (model_data || t.is_variable) continue;
    t.storage = Storage::kNone;
    t.data = nullptr;
    t.dynamic = false;
    t.folded = false;
  }
  std::vector<std::string>* unsupported = interp.options().unsupported;
  const size_t problems_before = unsupported ? unsupported->size() : 0;
  for (Node& n : nodes) {
    n.scratch.clear();
    n.deferred = n.folded = false;
    Status st = prepare_node(interp, n, /*executing=*/false);
    if (st.ok()) continue;
    if (st.kind() != ErrorKind::kUnsupported || !unsupported) return st;
    // Keep going with the shapes the model declares, to find every problem.
    unsupported->push_back(std::string(n.kernel->name) + ": " + st.message().substr(node_label(n).size()));
  }
  if (unsupported && unsupported->size() > problems_before)
    return Error(ErrorKind::kUnsupported, "%zu ops use dtypes or options this runtime does not implement",
                 unsupported->size() - problems_before);
  TFB_RETURN_IF_ERROR(plan_memory());
  prepared_ = true;
  return OkStatus();
}

Status Subgraph::prepare_node(Interpreter& interp, Node& n, bool executing) {
  bool dynamic_input = false;
  for (int i : n.inputs)
    if (i >= 0 && tensors[i].dynamic) dynamic_input = true;
  if (!executing && dynamic_input) {
    n.deferred = true;
  } else {
    scratch_cursor_ = 0;
    scratch_error_ = OkStatus();
    Context ctx(interp, *this, executing);
    Status st = run_kernel(n.kernel->prepare, ctx, n);
    if (st.ok() || st.kind() == ErrorKind::kDeferred) st = scratch_error_.ok() ? st : scratch_error_;
    if (st.kind() == ErrorKind::kDeferred && !executing) {
      n.deferred = true;
    } else if (!st.ok()) {
      return st.prefixed(node_label(n));
    }
  }
  if (n.deferred && !executing) {
    for (int o : n.outputs) tensors[o].dynamic = true;
    return OkStatus();
  }
  if (!executing) return fold_node(interp, n);
  return OkStatus();
}

// Evaluates a node once at prepare when its result cannot change between
// runs (all inputs constant, or only input shapes matter), so weights stored
// as float16 or sparse, and shape arithmetic, cost nothing per inference.
Status Subgraph::fold_node(Interpreter& interp, Node& n) {
  uint32_t flags = n.kernel->flags;
  if (!(flags & (kPure | kShapeOnly))) return OkStatus();
  for (int i : n.inputs) {
    if (i < 0) continue;
    const Tensor& t = tensors[i];
    bool known = (flags & kShapeOnly) ? !t.dynamic : t.is_constant();
    if (!known) return OkStatus();
  }
  for (int o : n.outputs)
    if (tensors[o].is_variable) return OkStatus();
  for (int o : n.outputs) {
    Tensor& t = tensors[o];
    t.dynamic = true;  // forces heap storage in set_shape
    Status st;
    TFB_RETURN_IF_ERROR(allocate([&] { st = set_shape(t, t.shape, true); }, "a folded constant", t.bytes));
    TFB_RETURN_IF_ERROR(st);
    t.dynamic = false;
  }
  for (int id : n.scratch) {
    Scratch& sc = scratch_[id];
    TFB_RETURN_IF_ERROR(allocate([&] { sc.heap.resize(sc.bytes); }, "scratch", sc.bytes));
    sc.data = sc.heap.data();
  }
  Context ctx(interp, *this, /*executing=*/true);
  if (!produces_nothing(n, tensors))
    if (Status st = run_kernel(n.kernel->eval, ctx, n); !st.ok()) return st.prefixed(node_label(n));
  for (int o : n.outputs) {
    tensors[o].storage = Storage::kConstant;
    tensors[o].folded = true;
  }
  n.folded = true;
  return OkStatus();
}

Status Subgraph::plan_memory() {
  const int end = static_cast<int>(nodes.size());
  std::vector<int> first(tensors.size(), -2), last(tensors.size(), -2);
  auto use = [&](int t, int at) {
    if (t < 0) return;
    if (first[t] == -2 || at < first[t]) first[t] = at;
    last[t] = std::max(last[t], at);
  };
  for (int i : inputs) use(i, -1), use(i, end);
  for (int o : outputs) use(o, -1), use(o, end);
  for (const Node& n : nodes) {
    if (n.folded) continue;
    for (int i : n.inputs) use(i, n.index);
    for (int o : n.outputs) use(o, n.index);
  }

  const std::vector<int> owner = buffer_owners(first, last);

  std::vector<ArenaRequest> requests;
  std::vector<uint8_t**> targets;
  std::vector<int> tensor_of_request;  // the tensor, or -1 - node index for scratch
  for (size_t t = 0; t < tensors.size(); ++t) {
    Tensor& ten = tensors[t];
    if (first[t] == -2 || ten.storage != Storage::kNone || ten.dynamic || owner[t] != static_cast<int>(t)) continue;
    requests.push_back({ten.bytes, first[t], last[t]});
    targets.push_back(&ten.data);
    tensor_of_request.push_back(static_cast<int>(t));
  }
  for (const Node& n : nodes) {
    if (n.folded || n.deferred) continue;
    for (int id : n.scratch) {
      requests.push_back({scratch_[id].bytes, n.index, n.index});
      targets.push_back(&scratch_[id].data);
      tensor_of_request.push_back(-1 - n.index);
    }
  }
  ArenaPlan plan = plan_arena(requests);
  if (plan.peak > memory_limit_) {
    size_t largest = 0;
    for (size_t r = 1; r < requests.size(); ++r)
      if (requests[r].bytes > requests[largest].bytes) largest = r;
    const int t = tensor_of_request[largest];
    std::string what = t >= 0 ? strfmt("tensor #%d '%.*s'", t, static_cast<int>(tensors[t].name.size()), tensors[t].name.data())
                              : strfmt("scratch of op #%d %s", -1 - t, nodes[-1 - t].kernel->name);
    return Error(ErrorKind::kResourceExhausted,
                 "subgraph %d: activations need %zu bytes (%s), more than the memory limit of %s; the largest is "
                 "%s (%zu bytes)",
                 index, plan.peak, mib(plan.peak).c_str(), mib(memory_limit_).c_str(), what.c_str(),
                 requests[largest].bytes);
  }
  TFB_RETURN_IF_ERROR(allocate([&] { arena_.resize(plan.peak); }, "the activation arena", plan.peak));
  for (size_t r = 0; r < requests.size(); ++r) {
    *targets[r] = arena_.data() + plan.offsets[r];
    if (tensor_of_request[r] >= 0) tensors[tensor_of_request[r]].storage = Storage::kArena;
  }
  for (size_t t = 0; t < tensors.size(); ++t) {
    if (owner[t] == static_cast<int>(t)) continue;
    tensors[t].data = tensors[owner[t]].data;
    tensors[t].storage = Storage::kArena;
  }
  return OkStatus();
}

// The output of a kSameBytes op (RESHAPE...) shares its input's buffer when
// both are plain arena tensors of one size and neither is a subgraph input
// or output: nothing writes either after the op, so one buffer alive from
// the first use of any sharer to the last serves them all.
std::vector<int> Subgraph::buffer_owners(std::vector<int>& first, std::vector<int>& last) const {
  std::vector<int> owner(tensors.size());
  for (size_t t = 0; t < owner.size(); ++t) owner[t] = static_cast<int>(t);
  std::vector<bool> io(tensors.size(), false);
  for (int t : inputs) if (t >= 0) io[t] = true;
  for (int t : outputs) if (t >= 0) io[t] = true;
  auto plain = [&](int t) {
    const Tensor& x = tensors[t];
    return !io[t] && first[t] != -2 && x.storage == Storage::kNone && !x.dynamic && !x.is_variable;
  };
  auto root = [&](int t) {
    while (owner[t] != t) t = owner[t];
    return t;
  };
  for (const Node& n : nodes) {
    if (n.folded || n.deferred || !(n.kernel->flags & kSameBytes) || n.inputs.empty() || n.outputs.size() != 1)
      continue;
    const int in = n.inputs[0], out = n.outputs[0];
    if (in < 0 || out < 0 || !plain(in) || !plain(out) || tensors[in].bytes != tensors[out].bytes) continue;
    const int r = root(in);
    if (owner[out] != out || r == out) continue;  // a malformed graph writes `out` twice
    owner[out] = r;
  }
  for (size_t t = 0; t < owner.size(); ++t) {
    const int r = root(static_cast<int>(t));
    owner[t] = r;
    first[r] = std::min(first[r], first[t]);
    last[r] = std::max(last[r], last[t]);
  }
  return owner;
}

Status Subgraph::invoke(Interpreter& interp) {
  if (!prepared_) return Error(ErrorKind::kRuntime, "subgraph %d invoked before prepare", index);
  TFB_RETURN_IF_ERROR(enter());
  InUse guard{in_use_};
  for (Node& n : nodes) {
    if (n.folded) continue;
    if (interp.cancelled()) return interp.cancel_status();
    if (n.deferred) TFB_RETURN_IF_ERROR(prepare_node(interp, n, /*executing=*/true));
    if (produces_nothing(n, tensors)) continue;
    Context ctx(interp, *this, /*executing=*/true);
    // The label is built only on failure: this loop runs every op of every inference.
    if (Status st = run_kernel(n.kernel->eval, ctx, n); !st.ok()) return st.prefixed(node_label(n));
  }
  return OkStatus();
}

// ---- Context

Tensor& Context::input(const Node& n, int i) { return sg_.tensors[n.inputs[i]]; }
Tensor& Context::output(const Node& n, int i) { return sg_.tensors[n.outputs[i]]; }
Tensor& Context::tensor(int index) { return sg_.tensors[index]; }
Status Context::defer() const { return Status(ErrorKind::kDeferred, "values needed at prepare"); }
Status Context::set_shape(Tensor& t, const Shape& s) { return sg_.set_shape(t, s, executing_); }
int Context::add_scratch(Node& n, size_t bytes) { return sg_.add_scratch(n, bytes, executing_); }
uint8_t* Context::scratch(const Node& n, int slot) { return sg_.scratch(n, slot); }
ThreadPool& Context::pool() { return interp_.pool(); }
bool Context::cancelled() const { return interp_.cancelled(); }

Status check_arity(const Context& ctx, const Node& n, int min_inputs, int max_inputs, int outputs) {
  int ni = ctx.num_inputs(n), no = ctx.num_outputs(n);
  TFB_REQUIRE(ni >= min_inputs && ni <= max_inputs,
              "expects %d..%d inputs, has %d", min_inputs, max_inputs, ni);
  TFB_REQUIRE(no == outputs, "expects %d outputs, has %d", outputs, no);
  for (int i = 0; i < min_inputs; ++i) TFB_REQUIRE(ctx.has_input(n, i), "required input %d is missing", i);
  return OkStatus();
}

}  // namespace tfb
