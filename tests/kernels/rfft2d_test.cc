#include <complex>
#include <numbers>

#include "schema/model_writer.h"
#include "support/model_surgery.h"
#include "support/test_util.h"

namespace tfb::test {
namespace {

// RFFT2D(x, fft_length), optionally followed by COMPLEX_ABS.
std::vector<uint8_t> rfft_model(std::vector<int64_t> in_shape, int fh, int fw, bool with_abs) {
  ModelWriter w;
  Shape s;
  for (int64_t d : in_shape) s.dim[s.rank++] = static_cast<int32_t>(d);
  int x = w.add_input("x", DType::kF32, s);
  int len = w.add_constant<int32_t>("fft_length", DType::kI32, {2}, {fh, fw});
  Shape o = s;
  o.dim[o.rank - 2] = fh;
  o.dim[o.rank - 1] = fw / 2 + 1;
  int y = w.add_tensor("y", DType::kC64, o);
  w.add_op(tflfb::BuiltinOperator_RFFT2D, {x, len}, {y}, tflfb::Rfft2dOptionsT());
  if (with_abs) {
    int m = w.add_tensor("magnitude", DType::kF32, o);
    w.add_op(tflfb::BuiltinOperator_COMPLEX_ABS, {y}, {m});
    y = m;
  }
  w.add_output(y);
  return w.finish();
}

// The textbook double sum, with the crop/zero-pad of TFLite's RFFT2D.
std::vector<std::complex<double>> naive_rfft2d(const NpyArray& x, int fh, int fw) {
  const int rank = static_cast<int>(x.shape.size());
  const int in_h = static_cast<int>(x.shape[rank - 2]), in_w = static_cast<int>(x.shape[rank - 1]);
  const int64_t batches = x.count() / (int64_t{in_h} * in_w);
  const float* v = reinterpret_cast<const float*>(x.data.data());
  std::vector<std::complex<double>> out;
  for (int64_t b = 0; b < batches; ++b)
    for (int u = 0; u < fh; ++u)
      for (int k = 0; k <= fw / 2; ++k) {
        std::complex<double> sum = 0;
        for (int r = 0; r < std::min(fh, in_h); ++r)
          for (int c = 0; c < std::min(fw, in_w); ++c)
            sum += double(v[b * in_h * in_w + r * in_w + c]) *
                   std::polar(1.0, -2 * std::numbers::pi * (double(u) * r / fh + double(k) * c / fw));
        out.push_back(sum);
      }
  return out;
}

struct RfftCase {
  std::vector<int64_t> shape;
  int fh, fw;
};

class Rfft2dVsNaive : public ::testing::TestWithParam<RfftCase> {};

TEST_P(Rfft2dVsNaive, MatchesTheDefinition) {
  const RfftCase& c = GetParam();
  NpyArray x = random_array(DType::kF32, c.shape, 3);
  std::vector<NpyArray> out;
  Status st = run_interpreter(rfft_model(c.shape, c.fh, c.fw, false), {x}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  auto want = naive_rfft2d(x, c.fh, c.fw);
  ASSERT_EQ(out[0].count(), static_cast<int64_t>(want.size()));
  double max_ref = 0;
  for (auto z : want) max_ref = std::max(max_ref, std::abs(z));
  const auto* got = reinterpret_cast<const std::complex<float>*>(out[0].data.data());
  for (size_t i = 0; i < want.size(); ++i)
    ASSERT_LE(std::abs(std::complex<double>(got[i]) - want[i]), 1e-5 * max_ref + 1e-6) << "element " << i;
}

INSTANTIATE_TEST_SUITE_P(Shapes, Rfft2dVsNaive,
                         ::testing::Values(RfftCase{{4, 8}, 4, 8}, RfftCase{{2, 3, 5}, 4, 8},   // zero-pad
                                           RfftCase{{2, 6, 20}, 4, 16},                           // crop
                                           RfftCase{{3, 1, 64}, 1, 64}, RfftCase{{5, 7}, 3, 6},   // not 2^k
                                           RfftCase{{2, 2, 9, 9}, 9, 9}, RfftCase{{1, 1}, 1, 1}));

TEST(Rfft2d, MagnitudeMatchesTflite) {
  TFB_REQUIRE_TFLITE_REF();
  for (RfftCase c : {RfftCase{{2, 4, 16}, 4, 16}, RfftCase{{3, 1, 512}, 1, 512}, RfftCase{{2, 5, 10}, 4, 8}}) {
    auto model = rfft_model(c.shape, c.fh, c.fw, true);
    NpyArray x = random_array(DType::kF32, c.shape, 5);
    std::vector<NpyArray> ours, ref;
    ASSERT_TRUE(run_interpreter(model, {x}, &ours).ok());
    Status st = run_tflite_ref(model, {x}, &ref);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_TRUE(floats_close(ours[0], ref[0]));
  }
}

// YAMNet's spectrogram: TFLite's framed, windowed audio in, TFLite's
// magnitude spectrogram out (both cut from the real model).
TEST(Rfft2d, YamnetSpectrogramMatchesTflite) {
  TFB_REQUIRE_SHARED();
  TFB_REQUIRE_TFLITE_REF();
  auto model = read_file(shared_dir() / "models/yamnet_classifier_mixed.tflite");
  NpyArray wave = load_npy(shared_dir() / "golden/yamnet_classifier_mixed/input_0.npy");
  std::vector<NpyArray> frames, magnitude;
  ASSERT_TRUE(run_tflite_ref(keep_ops(model, {0, 1, 2, 3, 4, 5, 6}, {16}), {wave}, &frames).ok());
  ASSERT_TRUE(run_tflite_ref(keep_ops(model, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {21}), {wave}, &magnitude).ok());
  std::vector<NpyArray> ours;
  Status st = run_interpreter(rfft_model(frames[0].shape, 1, 512, true), {frames[0]}, &ours);
  ASSERT_TRUE(st.ok()) << st.message();
  ours[0].shape = magnitude[0].shape;  // [96, 1, 257] vs the model's reshaped [96, 257]
  EXPECT_TRUE(floats_close(ours[0], magnitude[0]));
}

TEST(ComplexAbs, MatchesHandValues) {
  ModelWriter w;
  int z = w.add_input("z", DType::kC64, {3});
  int m = w.add_tensor("m", DType::kF32, {3});
  w.add_op(tflfb::BuiltinOperator_COMPLEX_ABS, {z}, {m});
  w.add_output(m);
  const std::complex<float> zs[3] = {{3, 4}, {-5, 12}, {0, -2}};
  NpyArray in{DType::kC64, {3}, {}};
  in.data.assign(reinterpret_cast<const uint8_t*>(zs), reinterpret_cast<const uint8_t*>(zs) + sizeof(zs));
  std::vector<NpyArray> out;
  Status st = run_interpreter(w.finish(), {in}, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  const float* v = reinterpret_cast<const float*>(out[0].data.data());
  EXPECT_FLOAT_EQ(v[0], 5.f);
  EXPECT_FLOAT_EQ(v[1], 13.f);
  EXPECT_FLOAT_EQ(v[2], 2.f);
}

}  // namespace
}  // namespace tfb::test
