// RFFT2D: 2-D real-to-complex FFT over the two innermost dimensions of a
// float32 tensor, with fft_length = [height, width]: the input is cropped
// or zero-padded to that size, each row is transformed (keeping the
// width/2 + 1 non-redundant bins), then each column. Output complex64
// [..., height, width/2 + 1].
#include "kernels/fft.h"
#include "kernels/kernel_util.h"

namespace tfb {
namespace {

struct Rfft2dState : KernelState {
  int64_t batches = 0;
  int in_h = 0, in_w = 0, h = 0, w = 0, bins = 0;
  Fft rows, columns;
  int scratch = -1;  // h x bins work array + one line, complex<double>
};

Status rfft2d_prepare(Context& ctx, Node& n) {
  TFB_RETURN_IF_ERROR(check_arity(ctx, n, 2, 2, 1));
  const Tensor& in = ctx.input(n, 0);
  const Tensor& len = ctx.input(n, 1);
  Tensor& out = ctx.output(n, 0);
  TFB_REQUIRE_TYPE(in, DType::kF32, "RFFT2D input");
  TFB_REQUIRE_TYPE(out, DType::kC64, "RFFT2D output");
  TFB_REQUIRE_TYPE(len, DType::kI32, "fft_length");
  TFB_REQUIRE(in.rank() >= 2, "input must have rank >= 2, is %s", in.shape.str().c_str());
  TFB_REQUIRE(len.shape == Shape{2}, "fft_length must have shape [2], is %s", len.shape.str().c_str());
  if (!ctx.has_values(len)) return ctx.defer();
  const int32_t fh = len.as<int32_t>()[0], fw = len.as<int32_t>()[1];
  TFB_REQUIRE(fh >= 1 && fw >= 1, "fft_length [%d, %d] must be positive", fh, fw);
  // Bounds keep the work array and the O(n^2) transform of lengths that are
  // not powers of two (TFLite refuses those) reasonable.
  auto pow2 = [](int32_t v) { return (v & (v - 1)) == 0; };
  TFB_SUPPORTED((pow2(fh) || fh <= 4096) && (pow2(fw) || fw <= 4096),
                "fft_length [%d, %d]: lengths that are not powers of two are limited to 4096", fh, fw);
  TFB_SUPPORTED(int64_t{fh} * (fw / 2 + 1) <= (int64_t{1} << 24), "fft_length [%d, %d] is too large", fh, fw);
  auto s = std::make_unique<Rfft2dState>();
  s->in_h = in.dim(in.rank() - 2);
  s->in_w = in.dim(in.rank() - 1);
  s->h = fh;
  s->w = fw;
  s->bins = fw / 2 + 1;
  Shape shape = in.shape;
  shape.dim[shape.rank - 2] = fh;
  shape.dim[shape.rank - 1] = s->bins;
  s->batches = 1;
  for (int i = 0; i < in.rank() - 2; ++i) s->batches *= in.dim(i);
  s->rows = Fft(fw);
  s->columns = Fft(fh);
  const size_t work = size_t(fh) * s->bins + std::max(fh, fw) * 2;
  s->scratch = ctx.add_scratch(n, work * sizeof(std::complex<double>));
  n.state = std::move(s);
  return ctx.set_shape(out, shape);
}

Status rfft2d_eval(Context& ctx, Node& n) {
  const auto& s = n.state_as<Rfft2dState>();
  const float* in = ctx.input(n, 0).as<float>();
  auto* out = ctx.output(n, 0).as<std::complex<float>>();
  auto* work = reinterpret_cast<std::complex<double>*>(ctx.scratch(n, s.scratch));
  std::complex<double>* line = work + size_t(s.h) * s.bins;
  std::complex<double>* line_scratch = line + std::max(s.h, s.w);
  const int copy_h = std::min(s.h, s.in_h), copy_w = std::min(s.w, s.in_w);
  for (int64_t b = 0; b < s.batches; ++b) {
    const float* x = in + b * s.in_h * s.in_w;
    for (int r = 0; r < s.h; ++r) {
      for (int c = 0; c < s.w; ++c) line[c] = r < copy_h && c < copy_w ? x[r * s.in_w + c] : 0.0;
      s.rows.forward(line, line_scratch);
      std::copy(line, line + s.bins, work + size_t(r) * s.bins);
    }
    std::complex<float>* y = out + b * s.h * s.bins;
    for (int k = 0; k < s.bins; ++k) {
      for (int r = 0; r < s.h; ++r) line[r] = work[size_t(r) * s.bins + k];
      s.columns.forward(line, line_scratch);
      for (int r = 0; r < s.h; ++r) y[size_t(r) * s.bins + k] = std::complex<float>(line[r]);
    }
  }
  return OkStatus();
}

}  // namespace

extern const KernelDef op_RFFT2D = {tflfb::BuiltinOperator_RFFT2D, nullptr, "RFFT2D", 1, kPure, "f32->c64",
                                    rfft2d_prepare, rfft2d_eval};

}  // namespace tfb
