// Fixed-point math on 16-bit Q-format values, bit-compatible with the
// fixed-point routines TFLite's integer kernels are built on (gemmlowp):
// a Qm value is an int16 whose real value is raw / 2^(15 - m). Plain adds
// and subtracts wrap like int16 arithmetic does there; products use the
// rounding doubling high multiply. Used by the integer LSTM (sigmoid and
// tanh of int16 gates) and its layer normalization.
#pragma once

#include <cstdint>

namespace tfb::fixed16 {

// logistic(x) of a Q`integer_bits` value (0..6), as Q0.15.
int16_t logistic(int16_t x, int integer_bits);
// tanh(x) of a Q`integer_bits` value (0..6), as Q0.15.
int16_t tanh(int16_t x, int integer_bits);

}  // namespace tfb::fixed16

namespace tfb {

// 1 / sqrt(x) for x >= 0 as a Q31 multiplier and a left shift (TFLite's
// GetInvSqrtQuantizedMultiplierExp with reverse_shift = -1): the integer
// layer normalization divides by the standard deviation with it.
void inv_sqrt_multiplier(int32_t x, int32_t* multiplier, int* shift);

}  // namespace tfb
