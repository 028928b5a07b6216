#include <cmath>
#include <functional>
#include <numeric>

#include "flatbuffers/flexbuffers.h"
#include "schema/model_writer.h"
#include "support/model_surgery.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

struct PostProcessCase {
  int boxes = 6, classes = 3;
  bool background = true, regular = false, quantized = false;
  int max_detections = 4, max_classes_per_detection = 1, detections_per_class = 100;
  float score_threshold = 0.1f, iou_threshold = 0.5f;
};

std::vector<uint8_t> options(const PostProcessCase& c) {
  flexbuffers::Builder fbb;
  fbb.Map([&] {
    fbb.Int("max_detections", c.max_detections);
    fbb.Int("max_classes_per_detection", c.max_classes_per_detection);
    fbb.Int("detections_per_class", c.detections_per_class);
    fbb.Bool("use_regular_nms", c.regular);
    fbb.Float("nms_score_threshold", c.score_threshold);
    fbb.Float("nms_iou_threshold", c.iou_threshold);
    fbb.Int("num_classes", c.classes);
    fbb.Float("y_scale", 10.f);
    fbb.Float("x_scale", 10.f);
    fbb.Float("h_scale", 5.f);
    fbb.Float("w_scale", 5.f);
  });
  fbb.Finish();
  return fbb.GetBuffer();
}

std::vector<uint8_t> postprocess_model(const PostProcessCase& c, const std::vector<uint8_t>& custom_options,
                                       const NpyArray& anchors) {
  ModelWriter w;
  const int columns = c.classes + (c.background ? 1 : 0);
  const DType t = c.quantized ? DType::kU8 : DType::kF32;
  int enc = w.add_input("box_encodings", t, {1, c.boxes, 4}, c.quantized ? Quant{{0.08f}, {128}} : Quant{});
  int cls = w.add_input("class_scores", t, {1, c.boxes, columns}, c.quantized ? Quant{{1.f / 256}, {0}} : Quant{});
  int anc = w.add_constant_bytes("anchors", t, {c.boxes, 4}, anchors.data, c.quantized ? Quant{{1.f / 255}, {0}} : Quant{});
  std::vector<int> outs;
  for (const char* name : {"boxes", "classes", "scores", "count"}) outs.push_back(w.add_tensor(name, DType::kF32, {}));
  w.add_custom_op("TFLite_Detection_PostProcess", {enc, cls, anc}, outs, custom_options);
  for (int o : outs) w.add_output(o);
  return w.finish();
}

// Anchors (ycenter, xcenter, h, w) inside the unit square.
NpyArray random_anchors(const PostProcessCase& c, uint32_t seed) {
  if (!c.quantized) {
    NpyArray a = random_array(DType::kF32, {c.boxes, 4}, seed, 0.2, 0.8);
    float* v = reinterpret_cast<float*>(a.data.data());
    for (int i = 0; i < c.boxes; ++i) v[i * 4 + 2] *= 0.5f, v[i * 4 + 3] *= 0.5f;
    return a;
  }
  return random_array(DType::kU8, {c.boxes, 4}, seed, 40, 200);
}

std::vector<NpyArray> random_inputs(const PostProcessCase& c, uint32_t seed) {
  const int columns = c.classes + (c.background ? 1 : 0);
  if (c.quantized)
    return {random_array(DType::kU8, {1, c.boxes, 4}, seed, 0, 255),
            random_array(DType::kU8, {1, c.boxes, columns}, seed + 1, 0, 255)};
  return {random_array(DType::kF32, {1, c.boxes, 4}, seed, -3, 3),
          random_array(DType::kF32, {1, c.boxes, columns}, seed + 1, 0, 1)};
}

const float* floats(const NpyArray& a) { return reinterpret_cast<const float*>(a.data.data()); }

// Detections are compared as a set: equal scores may come out in either
// order. Each reference detection must have a twin (same class and score,
// same box) among ours, and the counts must agree.
::testing::AssertionResult same_detections(const std::vector<NpyArray>& ours, const std::vector<NpyArray>& ref,
                                           float box_tolerance = 1e-5f) {
  for (int i = 0; i < 4; ++i)
    if (ours[i].shape != ref[i].shape) return ::testing::AssertionFailure() << "output " << i << " shape differs";
  const int count = static_cast<int>(floats(ref[3])[0]);
  if (floats(ours[3])[0] != count)
    return ::testing::AssertionFailure() << "count " << floats(ours[3])[0] << " vs reference " << count;
  std::vector<bool> used(count, false);
  for (int r = 0; r < count; ++r) {
    bool found = false;
    for (int o = 0; o < count && !found; ++o) {
      if (used[o] || floats(ours[1])[o] != floats(ref[1])[r] || std::fabs(floats(ours[2])[o] - floats(ref[2])[r]) > 1e-6f)
        continue;
      bool same_box = true;
      for (int k = 0; k < 4; ++k)
        same_box = same_box && std::fabs(floats(ours[0])[o * 4 + k] - floats(ref[0])[r * 4 + k]) <= box_tolerance;
      if (same_box) used[o] = found = true;
    }
    if (!found)
      return ::testing::AssertionFailure() << "reference detection " << r << " (class " << floats(ref[1])[r]
                                           << ", score " << floats(ref[2])[r] << ") has no match";
  }
  return ::testing::AssertionSuccess();
}

// Two anchors overlap almost entirely, a third stands apart: NMS keeps the
// better of the pair and the third.
TEST(DetectionPostProcess, SuppressesOverlappingBoxes) {
  PostProcessCase c;
  c.boxes = 3;
  c.classes = 1;
  c.background = false;
  c.max_detections = 3;
  std::vector<float> anchors = {0.3f, 0.3f, 0.2f, 0.2f, 0.31f, 0.3f, 0.2f, 0.2f, 0.7f, 0.7f, 0.2f, 0.2f};
  NpyArray a{DType::kF32, {3, 4}, {}};
  a.data.assign(reinterpret_cast<uint8_t*>(anchors.data()), reinterpret_cast<uint8_t*>(anchors.data() + 12));
  NpyArray enc{DType::kF32, {1, 3, 4}, std::vector<uint8_t>(48, 0)};  // boxes = anchors
  std::vector<float> scores = {0.6f, 0.9f, 0.3f};
  NpyArray cls{DType::kF32, {1, 3, 1}, {}};
  cls.data.assign(reinterpret_cast<uint8_t*>(scores.data()), reinterpret_cast<uint8_t*>(scores.data() + 3));
  std::vector<NpyArray> out;
  Status st = run_interpreter(postprocess_model(c, options(c), a), {enc, cls}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out[0].shape, (std::vector<int64_t>{1, 3, 4}));
  EXPECT_EQ(floats(out[3])[0], 2.f);
  EXPECT_FLOAT_EQ(floats(out[2])[0], 0.9f);
  EXPECT_FLOAT_EQ(floats(out[2])[1], 0.3f);
  const float box1[4] = {0.21f, 0.2f, 0.41f, 0.4f};  // anchor 1: center (0.31, 0.3), size 0.2
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(floats(out[0])[k], box1[k], 1e-6f);
  EXPECT_EQ(floats(out[2])[2], 0.f);  // unused rows are zero
}

class DetectionVsTflite : public ::testing::TestWithParam<PostProcessCase> {};

TEST_P(DetectionVsTflite, MatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  const PostProcessCase& c = GetParam();
  auto model = postprocess_model(c, options(c), random_anchors(c, 4));
  auto inputs = random_inputs(c, 8);
  std::vector<NpyArray> ours, ref;
  Status st = run_interpreter(model, inputs, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  st = run_tflite_ref(model, inputs, &ref);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_TRUE(same_detections(ours, ref));
}

PostProcessCase variant(std::function<void(PostProcessCase&)> edit) {
  PostProcessCase c;
  edit(c);
  return c;
}

INSTANTIATE_TEST_SUITE_P(
    Grid, DetectionVsTflite,
    ::testing::Values(variant([](PostProcessCase&) {}),
                      variant([](PostProcessCase& c) { c.boxes = 40; c.max_detections = 10; c.iou_threshold = 0.3f; }),
                      variant([](PostProcessCase& c) { c.max_classes_per_detection = 2; c.boxes = 20; }),
                      variant([](PostProcessCase& c) { c.background = false; c.boxes = 30; c.classes = 5; }),
                      variant([](PostProcessCase& c) { c.regular = true; c.boxes = 30; c.max_detections = 8; }),
                      variant([](PostProcessCase& c) {
                        c.regular = true; c.boxes = 50; c.classes = 4; c.detections_per_class = 3; c.max_detections = 6;
                      }),
                      variant([](PostProcessCase& c) { c.quantized = true; c.boxes = 30; c.max_detections = 10; }),
                      variant([](PostProcessCase& c) { c.quantized = true; c.regular = true; c.boxes = 30; })));

// The real SSD model: its post-processing inputs (TFLite's values for the
// golden image) through our op, against the golden detections.
TEST(DetectionPostProcess, SsdMobilenetMatchesGolden) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  auto model = read_file(shared_dir() / "models/ssd_mobilenet_v1_coco_uint8.tflite");
  const fs::path golden = shared_dir() / "golden/ssd_mobilenet_v1_coco_uint8";
  std::vector<int> body(63);
  std::iota(body.begin(), body.end(), 0);
  std::vector<NpyArray> features, ours, ref;
  ASSERT_TRUE(run_tflite_ref(keep_ops(model, body, {165, 174}), {load_npy(golden / "input_0.npy")}, &features).ok());
  Status st = run_interpreter(keep_ops(model, {63}, {167, 168, 169, 170}), features, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  for (int i = 0; i < 4; ++i) ref.push_back(load_npy(golden / ("output_" + std::to_string(i) + ".npy")));
  EXPECT_TRUE(same_detections(ours, ref));
}

TEST(DetectionPostProcess, RejectsBadOptions) {
  PostProcessCase c;
  NpyArray anchors = random_anchors(c, 1);
  auto load = [&](std::vector<uint8_t> custom) {
    std::unique_ptr<Interpreter> interp;
    return Interpreter::create(postprocess_model(c, custom, anchors), {}, &interp);
  };
  Status st = load({1, 2, 3, 4, 5});
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidModel);
  EXPECT_NE(st.message().find("not a valid FlexBuffer"), std::string::npos) << st.message();

  flexbuffers::Builder fbb;
  fbb.Map([&] { fbb.Int("max_detections", 10); });
  fbb.Finish();
  st = load(fbb.GetBuffer());
  EXPECT_NE(st.message().find("'max_classes_per_detection' is missing"), std::string::npos) << st.message();

  PostProcessCase bad = c;
  bad.iou_threshold = 0;
  st = load(options(bad));
  EXPECT_NE(st.message().find("nms_iou_threshold"), std::string::npos) << st.message();
  // Every truncation of valid options is refused cleanly.
  auto good = options(c);
  for (size_t len = 0; len < good.size(); ++len)
    EXPECT_FALSE(load(std::vector<uint8_t>(good.begin(), good.begin() + len)).ok()) << len;
  // Corrupted bytes load or fail, but never read out of bounds (run under
  // the sanitizers to see it).
  size_t loaded = 0;
  for (size_t i = 0; i < good.size(); ++i)
    for (uint8_t flip : {0x01, 0x80, 0xff}) {
      auto bytes = good;
      bytes[i] ^= flip;
      loaded += load(bytes).ok();
    }
  EXPECT_LT(loaded, good.size() * 3);
}

}  // namespace
}  // namespace tfb::test
