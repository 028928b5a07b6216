// Custom op TFLite_Detection_PostProcess (SSD post-processing), as TFLite
// defines it:
//  1. decode each anchor's box encoding (ty, tx, th, tw) into corners:
//       yc = ty / y_scale * ha + ya    h/2 = exp(th / h_scale) * ha / 2
//       xc = tx / x_scale * wa + xa    w/2 = exp(tw / w_scale) * wa / 2
//  2. non-max suppression: "fast" (each anchor competes with its best class
//     score, reporting its top max_classes_per_detection classes) or
//     "regular" (per class, then the best max_detections over all classes).
// Inputs: box encodings [1, boxes, >=4], class scores [1, boxes, classes
// (+1 background)], anchors [boxes, 4] (ya, xa, ha, wa); uint8 inputs are
// dequantized. Outputs (float): boxes [1, N, 4] (ymin, xmin, ymax, xmax),
// classes [1, N], scores [1, N], count [1], N = max_detections *
// max_classes_per_detection; rows past the count are zero.
// Options come as a FlexBuffer map in the custom options.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "flatbuffers/flexbuffers.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct Box {
  float ymin, xmin, ymax, xmax;
};

struct Scored {
  float score;
  int index;  // anchor * classes_with_background + class column
};

struct Options {
  int max_detections = 0;
  int max_classes_per_detection = 0;
  int detections_per_class = 100;
  bool regular_nms = false;
  float score_threshold = 0, iou_threshold = 0;
  int num_classes = 0;
  float y_scale = 0, x_scale = 0, h_scale = 0, w_scale = 0;
};

// ---- options: untrusted FlexBuffer bytes

Status read_number(const flexbuffers::Map& m, const char* key, bool required, double* out) {
  flexbuffers::Reference r = m[key];
  if (r.IsNull()) {
    TFB_REQUIRE(!required, "option '%s' is missing", key);
    return OkStatus();
  }
  TFB_REQUIRE(r.IsNumeric() || r.IsBool(), "option '%s' is not a number", key);
  *out = r.IsBool() ? (r.AsBool() ? 1.0 : 0.0) : r.IsFloat() ? r.AsDouble() : static_cast<double>(r.AsInt64());
  TFB_REQUIRE(std::isfinite(*out), "option '%s' is %g", key, *out);
  return OkStatus();
}

Status read_int(const flexbuffers::Map& m, const char* key, bool required, int* out) {
  double v = *out;
  TFB_RETURN_IF_ERROR(read_number(m, key, required, &v));
  TFB_REQUIRE(v >= 0 && v <= (1 << 24) && v == std::floor(v), "option '%s' = %g must be an integer in [0, 2^24]", key,
              v);
  *out = static_cast<int>(v);
  return OkStatus();
}

Status read_float(const flexbuffers::Map& m, const char* key, bool required, float* out) {
  double v = *out;
  TFB_RETURN_IF_ERROR(read_number(m, key, required, &v));
  *out = static_cast<float>(v);
  return OkStatus();
}

Status parse_options(std::span<const uint8_t> bytes, Options* o) {
  TFB_REQUIRE(!bytes.empty() && flexbuffers::Verifier(bytes.data(), bytes.size(), nullptr, false).VerifyBuffer(),
              "custom options are not a valid FlexBuffer (%zu bytes)", bytes.size());
  flexbuffers::Reference root = flexbuffers::GetRoot(bytes.data(), bytes.size());
  TFB_REQUIRE(root.IsMap(), "custom options are not a FlexBuffer map");
  const flexbuffers::Map m = root.AsMap();
  TFB_RETURN_IF_ERROR(read_int(m, "max_detections", true, &o->max_detections));
  TFB_RETURN_IF_ERROR(read_int(m, "max_classes_per_detection", true, &o->max_classes_per_detection));
  TFB_RETURN_IF_ERROR(read_int(m, "detections_per_class", false, &o->detections_per_class));
  double regular = 0;
  TFB_RETURN_IF_ERROR(read_number(m, "use_regular_nms", false, &regular));
  o->regular_nms = regular != 0;
  TFB_RETURN_IF_ERROR(read_float(m, "nms_score_threshold", true, &o->score_threshold));
  TFB_RETURN_IF_ERROR(read_float(m, "nms_iou_threshold", true, &o->iou_threshold));
  TFB_RETURN_IF_ERROR(read_int(m, "num_classes", true, &o->num_classes));
  TFB_RETURN_IF_ERROR(read_float(m, "y_scale", true, &o->y_scale));
  TFB_RETURN_IF_ERROR(read_float(m, "x_scale", true, &o->x_scale));
  TFB_RETURN_IF_ERROR(read_float(m, "h_scale", true, &o->h_scale));
  TFB_RETURN_IF_ERROR(read_float(m, "w_scale", true, &o->w_scale));
  TFB_REQUIRE(o->num_classes > 0, "num_classes must be positive");
  TFB_REQUIRE(o->iou_threshold > 0 && o->iou_threshold <= 1, "nms_iou_threshold %g must be in (0, 1]",
              o->iou_threshold);
  TFB_REQUIRE(o->y_scale != 0 && o->x_scale != 0 && o->h_scale != 0 && o->w_scale != 0,
              "box scales must be nonzero (y %g, x %g, h %g, w %g)", o->y_scale, o->x_scale, o->h_scale, o->w_scale);
  TFB_REQUIRE(int64_t{o->max_detections} * o->max_classes_per_detection <= (1 << 24),
              "max_detections x max_classes_per_detection is too large");
  TFB_REQUIRE(o->max_classes_per_detection > 0, "max_classes_per_detection must be positive");
  if (o->regular_nms)
    TFB_REQUIRE(std::min(o->detections_per_class, o->max_detections) > 0,
                "regular NMS needs max_detections and detections_per_class > 0");
  return OkStatus();
}

// ---- per-node state and the scratch it plans

struct PostProcessState : KernelState {
  Options opt;
  int boxes = 0, encoding_len = 0, classes_bg = 0, label_offset = 0, categories = 0;
  int scratch = -1;
  // Byte offsets of the work arrays within the scratch buffer.
  size_t decoded = 0, scores = 0, cand_index = 0, cand_score = 0, order = 0, active = 0, selected = 0, best = 0,
         top_classes = 0, class_rank = 0, merged = 0, merge_tmp = 0;
};

template <class T>
size_t carve(size_t* cursor, size_t count) {
  size_t at = (*cursor + 63) / 64 * 64;
  *cursor = at + count * sizeof(T);
  return at;
}

Status postprocess_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 3, 3, 4));
  auto s = std::make_unique<PostProcessState>();
  Options& o = s->opt;
  TFB_RETURN_IF_ERROR(parse_options(n.custom_options, &o));
  const Tensor& enc = ctx.input(n, 0);
  const Tensor& cls = ctx.input(n, 1);
  const Tensor& anchors = ctx.input(n, 2);
  TFB_REQUIRE(enc.rank() == 3 && enc.dim(0) == 1 && enc.dim(2) >= 4,
              "box encodings must be [1, boxes, >=4], are %s", enc.shape.str().c_str());
  s->boxes = enc.dim(1);
  s->encoding_len = enc.dim(2);
  TFB_REQUIRE(cls.rank() == 3 && cls.dim(0) == 1 && cls.dim(1) == s->boxes,
              "class scores must be [1, %d, classes], are %s", s->boxes, cls.shape.str().c_str());
  TFB_REQUIRE(anchors.shape == (Shape{s->boxes, 4}), "anchors must be [%d, 4], are %s", s->boxes,
              anchors.shape.str().c_str());
  s->classes_bg = cls.dim(2);
  s->label_offset = s->classes_bg - o.num_classes;
  TFB_REQUIRE(s->label_offset == 0 || s->label_offset == 1,
              "class scores have %d columns for %d classes (one background column at most)", s->classes_bg,
              o.num_classes);
  TFB_SUPPORTED(enc.type == DType::kU8 || enc.type == DType::kF32, "box encodings of type %s are not supported",
                dtype_name(enc.type));
  TFB_SUPPORTED(cls.type == DType::kU8 || cls.type == DType::kF32, "class scores of type %s are not supported",
                dtype_name(cls.type));
  TFB_SUPPORTED(anchors.type == enc.type, "anchors (%s) must have the box encodings' type (%s)",
                dtype_name(anchors.type), dtype_name(enc.type));
  for (const Tensor* t : {&enc, &cls, &anchors})
    if (t->type == DType::kU8)
      TFB_REQUIRE(!t->quant.empty() && !t->quant.per_channel(), "uint8 input '%.*s' needs one scale and zero point",
                  static_cast<int>(t->name.size()), t->name.data());

  s->categories = std::min(o.max_classes_per_detection, o.num_classes);
  const size_t boxes = s->boxes;
  size_t cursor = 0;
  s->decoded = carve<Box>(&cursor, boxes);
  s->scores = carve<float>(&cursor, boxes * s->classes_bg);
  s->cand_index = carve<int>(&cursor, boxes);
  s->cand_score = carve<float>(&cursor, boxes);
  s->order = carve<int>(&cursor, boxes);
  s->active = carve<uint8_t>(&cursor, boxes);
  s->selected = carve<int>(&cursor, boxes);
  s->best = carve<float>(&cursor, boxes);
  s->top_classes = carve<int>(&cursor, boxes * std::max(s->categories, 1));
  s->class_rank = carve<int>(&cursor, o.num_classes);
  const size_t merge_len = size_t(o.max_detections) + std::min(o.detections_per_class, o.max_detections);
  s->merged = carve<Scored>(&cursor, merge_len);
  s->merge_tmp = carve<Scored>(&cursor, merge_len);
  s->scratch = ctx.add_scratch(n, cursor);

  const int32_t rows = o.max_detections * o.max_classes_per_detection;
  TFB_RETURN_IF_ERROR(ctx.set_shape(ctx.output(n, 0), {1, rows, 4}));
  TFB_RETURN_IF_ERROR(ctx.set_shape(ctx.output(n, 1), {1, rows}));
  TFB_RETURN_IF_ERROR(ctx.set_shape(ctx.output(n, 2), {1, rows}));
  TFB_RETURN_IF_ERROR(ctx.set_shape(ctx.output(n, 3), {1}));
  for (int i = 0; i < 4; ++i) TFB_REQUIRE_TYPE(ctx.output(n, i), DType::kF32, "detection output");
  n.state = std::move(s);
  return OkStatus();
}

// ---- eval

struct Work {
  Box* decoded;
  float* scores;
  int* cand_index;
  float* cand_score;
  int* order;
  uint8_t* active;
  int* selected;
  float* best;
  int* top_classes;
  int* class_rank;
  Scored* merged;
  Scored* merge_tmp;
};

float dequantize(const Tensor& t, int64_t i) {
  if (t.type == DType::kF32) return t.as<float>()[i];
  return (static_cast<float>(t.data[i]) - static_cast<float>(t.quant.zp0())) * t.quant.scale0();
}

Status decode_boxes(const PostProcessState& s, const Tensor& enc, const Tensor& anchors, Box* out) {
  const Options& o = s.opt;
  for (int i = 0; i < s.boxes; ++i) {
    const int64_t e = int64_t{i} * s.encoding_len, a = int64_t{i} * 4;
    const double ty = dequantize(enc, e), tx = dequantize(enc, e + 1), th = dequantize(enc, e + 2),
                 tw = dequantize(enc, e + 3);
    const double ya = dequantize(anchors, a), xa = dequantize(anchors, a + 1), ha = dequantize(anchors, a + 2),
                 wa = dequantize(anchors, a + 3);
    // In double, then rounded to float, as TFLite does.
    const float yc = static_cast<float>(ty / o.y_scale * ha + ya);
    const float xc = static_cast<float>(tx / o.x_scale * wa + xa);
    const float half_h = static_cast<float>(0.5 * std::exp(th / o.h_scale) * ha);
    const float half_w = static_cast<float>(0.5 * std::exp(tw / o.w_scale) * wa);
    out[i] = {yc - half_h, xc - half_w, yc + half_h, xc + half_w};
    // TFLite refuses inverted boxes (negative anchor sizes) before NMS.
    TFB_CHECK_KIND(ErrorKind::kRuntime, !(out[i].ymin > out[i].ymax) && !(out[i].xmin > out[i].xmax),
                   "anchor %d decodes to an inverted box", i);
  }
  return OkStatus();
}

float iou(const Box& a, const Box& b) {
  const float area_a = (a.ymax - a.ymin) * (a.xmax - a.xmin);
  const float area_b = (b.ymax - b.ymin) * (b.xmax - b.xmin);
  if (area_a <= 0 || area_b <= 0) return 0;
  const float h = std::max(std::min(a.ymax, b.ymax) - std::max(a.ymin, b.ymin), 0.f);
  const float w = std::max(std::min(a.xmax, b.xmax) - std::max(a.xmin, b.xmin), 0.f);
  const float inter = h * w;
  return inter / (area_a + area_b - inter);
}

// Greedy NMS over the boxes' scores scores[i * stride]: boxes at or above
// the score threshold, best first (ties in index order), each dropping the
// later ones it overlaps by more than the IoU threshold. Writes at most
// `max_out` box indices to w.selected and returns their count.
int nms_single_class(const PostProcessState& s, const Work& w, const float* scores, int stride, int max_out) {
  int kept = 0;
  for (int i = 0; i < s.boxes; ++i) {
    const float v = scores[int64_t{i} * stride];
    if (v >= s.opt.score_threshold) {
      w.cand_index[kept] = i;
      w.cand_score[kept] = v;
      ++kept;
    }
  }
  std::iota(w.order, w.order + kept, 0);
  std::sort(w.order, w.order + kept, [&](int a, int b) {
    return w.cand_score[a] > w.cand_score[b] || (w.cand_score[a] == w.cand_score[b] && a < b);
  });
  std::fill_n(w.active, kept, 1);
  const int limit = std::min(kept, max_out);
  int count = 0, active = kept;
  for (int i = 0; i < kept && active > 0 && count < limit; ++i) {
    if (!w.active[i]) continue;
    const int box = w.cand_index[w.order[i]];
    w.selected[count++] = box;
    w.active[i] = 0;
    --active;
    for (int j = i + 1; j < kept; ++j)
      if (w.active[j] && iou(w.decoded[box], w.decoded[w.cand_index[w.order[j]]]) > s.opt.iou_threshold) {
        w.active[j] = 0;
        --active;
      }
  }
  return count;
}

struct Outputs {
  float* boxes;
  float* classes;
  float* scores;
};

void write_detection(const Outputs& out, int row, const Box& box, int cls, float score) {
  std::copy_n(&box.ymin, 4, out.boxes + int64_t{row} * 4);
  out.classes[row] = static_cast<float>(cls);
  out.scores[row] = score;
}

// Fast NMS: every anchor is represented by its best class score.
int fast_nms(const PostProcessState& s, const Work& w, const float* scores, const Outputs& out) {
  const int k = s.categories, num_classes = s.opt.num_classes;
  for (int b = 0; b < s.boxes; ++b) {
    const float* row = scores + int64_t{b} * s.classes_bg + s.label_offset;
    int* top = w.top_classes + int64_t{b} * k;
    if (k == 1) {
      top[0] = static_cast<int>(std::max_element(row, row + num_classes) - row);  // first maximum
    } else {
      std::iota(w.class_rank, w.class_rank + num_classes, 0);
      std::partial_sort(w.class_rank, w.class_rank + k, w.class_rank + num_classes,
                        [&](int a, int c) { return row[a] > row[c] || (row[a] == row[c] && a < c); });
      std::copy_n(w.class_rank, k, top);
    }
    w.best[b] = row[top[0]];
  }
  const int count = nms_single_class(s, w, w.best, 1, s.opt.max_detections);
  for (int d = 0; d < count; ++d) {
    const int b = w.selected[d];
    const float* row = scores + int64_t{b} * s.classes_bg + s.label_offset;
    for (int c = 0; c < k; ++c) {
      const int cls = w.top_classes[int64_t{b} * k + c];
      write_detection(out, s.opt.max_classes_per_detection * d + c, w.decoded[b], cls, row[cls]);
    }
  }
  return count;
}

// Regular NMS: per class, then the best max_detections over all classes
// (a stable merge, so equal scores keep class order).
int regular_nms(const PostProcessState& s, const Work& w, const float* scores, const Outputs& out) {
  const int max_det = s.opt.max_detections;
  const int per_class = std::min(s.opt.detections_per_class, max_det);
  Scored* merged = w.merged;
  Scored* tmp = w.merge_tmp;
  int size = 0;
  for (int c = 0; c < s.opt.num_classes; ++c) {
    const int column = c + s.label_offset;
    const int count = nms_single_class(s, w, scores + column, s.classes_bg, per_class);
    int i = 0, j = 0, m = 0;
    auto fresh = [&](int k) {
      const int b = w.selected[k];
      return Scored{scores[int64_t{b} * s.classes_bg + column], b * s.classes_bg + column};
    };
    while (m < max_det && (i < size || j < count)) {
      if (j < count && (i == size || fresh(j).score > merged[i].score)) tmp[m++] = fresh(j++);
      else tmp[m++] = merged[i++];
    }
    std::swap(merged, tmp);
    size = m;
  }
  for (int d = 0; d < size; ++d) {
    const int anchor = merged[d].index / s.classes_bg;
    write_detection(out, d, w.decoded[anchor], merged[d].index - anchor * s.classes_bg - s.label_offset,
                    merged[d].score);
  }
  return size;
}

Status postprocess_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<PostProcessState>();
  const Tensor& enc = ctx.input(n, 0);
  const Tensor& cls = ctx.input(n, 1);
  uint8_t* base = ctx.scratch(n, s.scratch);
  const Work w{reinterpret_cast<Box*>(base + s.decoded),      reinterpret_cast<float*>(base + s.scores),
               reinterpret_cast<int*>(base + s.cand_index),   reinterpret_cast<float*>(base + s.cand_score),
               reinterpret_cast<int*>(base + s.order),        base + s.active,
               reinterpret_cast<int*>(base + s.selected),     reinterpret_cast<float*>(base + s.best),
               reinterpret_cast<int*>(base + s.top_classes),  reinterpret_cast<int*>(base + s.class_rank),
               reinterpret_cast<Scored*>(base + s.merged),    reinterpret_cast<Scored*>(base + s.merge_tmp)};
  TFB_RETURN_IF_ERROR(decode_boxes(s, enc, ctx.input(n, 2), w.decoded));
  const float* scores = cls.as<float>();
  if (cls.type == DType::kU8) {
    for (int64_t i = 0; i < cls.count(); ++i) w.scores[i] = dequantize(cls, i);
    scores = w.scores;
  }
  const Outputs out{ctx.output(n, 0).as<float>(), ctx.output(n, 1).as<float>(), ctx.output(n, 2).as<float>()};
  const int64_t rows = ctx.output(n, 1).count();
  std::fill_n(out.boxes, rows * 4, 0.f);
  std::fill_n(out.classes, rows, 0.f);
  std::fill_n(out.scores, rows, 0.f);
  const int count = s.opt.regular_nms ? regular_nms(s, w, scores, out) : fast_nms(s, w, scores, out);
  ctx.output(n, 3).as<float>()[0] = static_cast<float>(count);
  return OkStatus();
}

}  // namespace

extern const KernelDef op_TFLite_Detection_PostProcess = {
    tflfb::BuiltinOperator_CUSTOM, "TFLite_Detection_PostProcess", "TFLite_Detection_PostProcess", 1, kPure,
    "u8->f32 f32", postprocess_prepare, postprocess_eval};

}  // namespace tfb
