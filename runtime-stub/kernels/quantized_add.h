// Quantized ADD and SUB (int8, uint8, int16): out = a +/- b, each input
// rescaled to the output's quantization. Three integer methods, picked the
// way the real TFLite picks its kernel so results agree to the step:
//   kXnnpack:  int8/uint8 when XNNPACK takes the op (input/output scale
//              ratios in [2^-10, 2^8)): one multiply per input into a
//              shared fixed-point accumulator, one rounding shift.
//   kGeneral:  TFLite's builtin path: inputs shifted left (20 bits for
//              8-bit, 15 for int16), each rescaled with a Q31 multiplier,
//              summed, and the sum rescaled to the output.
//   kPot16:    int16 with power-of-two scales and pot_scale_int16: one
//              input shifted right, saturating 16-bit add.
#pragma once

#include "kernels/kernel_util.h"
#include "kernels/quant_util.h"

namespace tfb {

struct QuantizedAddParams {
  enum class Method { kXnnpack, kGeneral, kPot16 } method = Method::kGeneral;
  bool subtract = false;
  IntRange act;
  int32_t out_zp = 0;
  // kXnnpack: acc = bias + a * a_mult + b * b_mult; out = (acc >> shift) + out_zp.
  int32_t bias = 0, a_mult = 0, b_mult = 0;
  int shift = 0;
  // kGeneral.
  int32_t a_offset = 0, b_offset = 0;
  int left_shift = 0;
  QuantizedMultiplier a_q, b_q, out_q;
  // kPot16: right shift of input 0 or 1 (the other is 0).
  int a_right = 0, b_right = 0;
};

// Validates the quantization of a, b and out and computes the parameters.
Status prepare_quantized_add(const Tensor& a, const Tensor& b, const Tensor& out, bool subtract, bool pot_scale_int16,
                             tflfb::ActivationFunctionType act, QuantizedAddParams* p);

// Runs the op for T = int8_t, uint8_t or int16_t.
template <class T>
void eval_quantized_add(const QuantizedAddParams& p, const Tensor& a, const Tensor& b, Tensor& out);

}  // namespace tfb
