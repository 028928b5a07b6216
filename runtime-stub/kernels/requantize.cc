#include "kernels/requantize.h"

#include <algorithm>
#include <cmath>

namespace tfb {

int32_t Requantization::operator()(int32_t acc, int channel) const {
  int32_t v;
  if (arithmetic == Arithmetic::kFloatScale) {
    float x = static_cast<float>(acc) * scale[channel];
    x = std::clamp(x, static_cast<float>(range.min - zero_point), static_cast<float>(range.max - zero_point));
    v = round_half_even(x);
  } else {
    v = multiply_by_quantized_multiplier(acc, multiplier[channel]);
  }
  return std::clamp(v + zero_point, range.min, range.max);
}

int32_t Requantization::operator()(int64_t acc, int channel) const {
  const QuantizedMultiplier& m = multiplier[channel];
  const int32_t v = multiply_by_quantized_multiplier_64(acc, m.multiplier, m.shift);
  return std::clamp(v + zero_point, range.min, range.max);
}

namespace {
bool usable_scale(float s) { return std::isfinite(s) && s > 0; }
}  // namespace

Status make_requantization(Requantization::Arithmetic arithmetic, const Tensor& input, const Tensor& filter,
                           const Tensor& output, int channels, tflfb::ActivationFunctionType act,
                           Requantization* out) {
  TFB_REQUIRE(input.quant.scale.size() == 1 && usable_scale(input.quant.scale[0]),
              "input '%.*s' needs one positive quantization scale", static_cast<int>(input.name.size()),
              input.name.data());
  TFB_REQUIRE(output.quant.scale.size() == 1 && usable_scale(output.quant.scale[0]),
              "output '%.*s' needs one positive quantization scale", static_cast<int>(output.name.size()),
              output.name.data());
  const size_t nf = filter.quant.scale.size();
  TFB_REQUIRE(nf == 1 || nf == static_cast<size_t>(channels), "filter '%.*s' has %zu scales for %d output channels",
              static_cast<int>(filter.name.size()), filter.name.data(), nf, channels);
  for (float s : filter.quant.scale)
    TFB_REQUIRE(usable_scale(s), "filter '%.*s' has quantization scale %g", static_cast<int>(filter.name.size()),
                filter.name.data(), s);
  const IntRange in_range = dtype_range(input.type);
  TFB_REQUIRE(input.quant.zp0() >= in_range.min && input.quant.zp0() <= in_range.max,
              "input zero point %d is out of range", input.quant.zp0());
  const IntRange full = dtype_range(output.type);
  const int32_t zp = output.quant.zp0();
  TFB_REQUIRE(zp >= full.min && zp <= full.max, "output zero point %d is out of range", zp);
  TFB_RETURN_IF_ERROR(check_fusable(act));

  Requantization r;
  r.arithmetic = arithmetic;
  r.zero_point = zp;
  r.range = quantized_activation_range(act, output);
  const float in_scale = input.quant.scale[0], out_scale = output.quant.scale[0];
  // Both arithmetics need the scale well inside the representable range:
  // XNNPACK refuses >= 256, TFLite's int64 form needs a shift below 8.
  constexpr double kMaxScale = 128.0;
  for (int c = 0; c < channels; ++c) {
    const float fs = filter.quant.scale[nf == 1 ? 0 : c];
    const double effective = static_cast<double>(in_scale) * fs / out_scale;
    TFB_SUPPORTED(effective < kMaxScale, "requantization scale %g (input %g x filter %g / output %g) is too large",
                  effective, in_scale, fs, out_scale);
    if (r.arithmetic == Requantization::Arithmetic::kFloatScale) {
      r.scale.push_back(in_scale * fs / out_scale);  // in float, as XNNPACK computes it
    } else {
      r.multiplier.push_back(quantize_multiplier(effective));
    }
  }
  *out = std::move(r);
  return OkStatus();
}

}  // namespace tfb
