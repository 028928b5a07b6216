#include "kernels/fft.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace tfb {

Fft::Fft(int n) : n_(n), radix2_(n > 0 && (n & (n - 1)) == 0), twiddle_(n) {
  for (int k = 0; k < n; ++k) twiddle_[k] = std::polar(1.0, -2.0 * std::numbers::pi * k / n);
  if (!radix2_) return;
  bit_reverse_.resize(n);
  int bits = 0;
  while ((1 << bits) < n) ++bits;
  for (int i = 0; i < n; ++i) {
    int r = 0;
    for (int b = 0; b < bits; ++b) r |= ((i >> b) & 1) << (bits - 1 - b);
    bit_reverse_[i] = r;
  }
}

void Fft::forward(std::complex<double>* data, std::complex<double>* scratch) const {
  if (!radix2_) {
    for (int k = 0; k < n_; ++k) {
      std::complex<double> sum = 0;
      for (int j = 0; j < n_; ++j) sum += data[j] * twiddle_[(static_cast<int64_t>(j) * k) % n_];
      scratch[k] = sum;
    }
    std::copy(scratch, scratch + n_, data);
    return;
  }
  for (int i = 0; i < n_; ++i)
    if (i < bit_reverse_[i]) std::swap(data[i], data[bit_reverse_[i]]);
  // Iterative Cooley-Tukey: combine pairs of half-length transforms.
  for (int len = 2; len <= n_; len <<= 1) {
    const int half = len / 2, stride = n_ / len;
    for (int start = 0; start < n_; start += len)
      for (int k = 0; k < half; ++k) {
        const std::complex<double> t = twiddle_[k * stride] * data[start + k + half];
        data[start + k + half] = data[start + k] - t;
        data[start + k] += t;
      }
  }
}

}  // namespace tfb
