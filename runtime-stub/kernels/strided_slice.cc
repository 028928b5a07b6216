// STRIDED_SLICE: numpy-style x[begin:end:stride] per dimension, with
// TFLite's masks: begin/end masks (ignore the index: take from the start /
// to the end), ellipsis (full range over the dimensions it stands for),
// new_axis (insert a size-1 dimension), shrink_axis (take one index and
// drop the dimension), and `offset` (end is relative to begin).
#include <algorithm>

#include "kernels/index_copy.h"
#include "kernels/kernel_util.h"
#include "kernels/shape_util.h"

namespace tfb {
namespace {

struct StridedSliceState : KernelState {
  IndexCopy copy;
};

bool bit(int32_t mask, int i) { return i < 32 && ((mask >> i) & 1); }

// One dimension of the slice after the ellipsis and new axes are expanded.
struct SliceDim {
  int input_axis = -1;  // -1 for an inserted axis
  int64_t begin = 0, end = 0, stride = 1;
  bool begin_mask = false, end_mask = false, shrink = false;
};

// Expands ellipsis and new_axis into one SliceDim per dimension of the
// "effective input" (the input with the new axes inserted).
Status expand_spec(const tflfb::StridedSliceOptions* o, int rank, const std::vector<int64_t>& begin,
                   const std::vector<int64_t>& end, const std::vector<int64_t>& strides, std::vector<SliceDim>* dims) {
  const int32_t ellipsis = o ? o->ellipsis_mask() : 0, new_axis = o ? o->new_axis_mask() : 0;
  const int count = static_cast<int>(begin.size());
  int added = 0;
  for (int i = 0; i < count; ++i) added += !bit(ellipsis, i) && bit(new_axis, i);
  const int eff = rank + added;
  TFB_SUPPORTED(eff <= kMaxRank, "slice has %d dimensions with its new axes (at most %d)", eff, kMaxRank);
  // Which effective dimensions the ellipsis covers and which are new axes.
  bool in_ellipsis[kMaxRank] = {}, is_new[kMaxRank] = {};
  int ellipsis_start = eff, expanded = 0;
  for (int i = 0; i < eff;) {
    if (bit(ellipsis, i)) {
      ellipsis_start = i;
      const int stop = std::max(i + 1, std::min(i + 1 + added + rank - count, eff));
      expanded = stop - i - 1;
      for (; i < stop; ++i) in_ellipsis[i] = true;
      continue;
    }
    if (i - expanded >= 0 && bit(new_axis, i - expanded)) is_new[i] = true;
    ++i;
  }
  dims->assign(eff, SliceDim{});
  int inserted = 0;
  for (int i = 0; i < eff; ++i) {
    SliceDim& d = (*dims)[i];
    if (in_ellipsis[i]) {
      d.input_axis = i - inserted;
      d.begin_mask = d.end_mask = true;
    } else if (is_new[i]) {
      d.end = 1;
      ++inserted;
    } else if (i >= count + expanded) {
      d.input_axis = i - inserted;
      d.begin_mask = d.end_mask = true;
    } else {
      const int spec = i - std::max(0, std::min(i - ellipsis_start, expanded));
      d.input_axis = i - inserted;
      d.begin = begin[spec];
      d.end = end[spec];
      d.stride = strides[spec];
      d.begin_mask = bit(o ? o->begin_mask() : 0, spec);
      d.end_mask = bit(o ? o->end_mask() : 0, spec);
      d.shrink = bit(o ? o->shrink_axis_mask() : 0, spec);
    }
    TFB_REQUIRE(d.input_axis < rank, "slice spec does not fit a rank %d input", rank);
  }
  return OkStatus();
}

Status strided_slice_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 4, 4, 1));
  const Tensor& in = ctx.input(n, 0);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_SAME_TYPE(in, out, "input", "output");
  TFB_RETURN_IF_ERROR(check_movable(in, "input"));
  std::vector<int64_t> begin, end, strides;
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 1), "begin", &begin));
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 2), "end", &end));
  TFB_RETURN_IF_ERROR(read_index_values(ctx, ctx.input(n, 3), "strides", &strides));
  TFB_REQUIRE(begin.size() == end.size() && begin.size() == strides.size(),
              "begin, end and strides have %zu, %zu and %zu values", begin.size(), end.size(), strides.size());
  auto* opts = n.options<tflfb::StridedSliceOptions>();
  const bool offset = opts && opts->offset();
  std::vector<SliceDim> dims;
  TFB_RETURN_IF_ERROR(expand_spec(opts, in.rank(), begin, end, strides, &dims));

  int64_t in_strides[kMaxRank];
  row_major_strides(in.shape, in_strides);
  auto s = std::make_unique<StridedSliceState>();
  Shape shape;
  for (size_t i = 0; i < dims.size(); ++i) {
    const SliceDim& d = dims[i];
    TFB_REQUIRE(d.stride != 0, "stride %zu is 0", i);
    const int64_t size = d.input_axis < 0 ? 1 : in.dim(d.input_axis);
    const int64_t step = d.input_axis < 0 ? 0 : in_strides[d.input_axis];
    // First index: negative counts from the end, then clamped into range.
    int64_t first = d.begin < 0 ? d.begin + size : d.begin;
    first = d.stride > 0 ? std::clamp<int64_t>(first, 0, size) : std::clamp<int64_t>(first, -1, size - 1);
    if (d.begin_mask) first = d.stride > 0 ? 0 : size - 1;
    if (d.shrink) {
      TFB_REQUIRE(first >= 0 && first < size, "shrunk index %lld is out of range for dimension %d of %s",
                  static_cast<long long>(d.begin), d.input_axis, in.shape.str().c_str());
      s->copy.add_strided(1, first * step, 0);
      continue;
    }
    int64_t last = offset ? d.end + first : d.end;  // one past the end
    if (last < 0) last += size;
    last = d.stride > 0 ? std::clamp<int64_t>(last, 0, size) : std::clamp<int64_t>(last, -1, size - 1);
    if (d.end_mask) last = d.stride > 0 ? size : -1;
    const int64_t span = d.stride > 0 ? last - first : first - last;
    const int64_t abs_stride = d.stride > 0 ? d.stride : -d.stride;
    const int64_t count = span > 0 ? (span + abs_stride - 1) / abs_stride : 0;
    shape.dim[shape.rank++] = static_cast<int32_t>(count);
    s->copy.add_strided(count, count ? first * step : 0, d.stride * step);
  }
  s->copy.finish(dtype_size(in.type));
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status strided_slice_eval(Context& ctx, Node& n) {
  n.state_as<StridedSliceState>().copy.run(ctx.input(n, 0).data, ctx.output(n, 0).data, nullptr);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_STRIDED_SLICE = {tflfb::BuiltinOperator_STRIDED_SLICE,
                                           nullptr,
                                           "STRIDED_SLICE",
                                           8,
                                           kPure,
                                           kMovableTypes,
                                           strided_slice_prepare,
                                           strided_slice_eval};

}  // namespace tfb
