// Discrete Fourier transform of one length, planned once: radix-2 for
// powers of two, a direct O(n^2) sum for other lengths. Double precision,
// like TFLite's RFFT2D. Forward transform: X[k] = sum_j x[j] e^(-2 pi i jk/n).
#pragma once

#include <complex>
#include <vector>

namespace tfb {

class Fft {
 public:
  explicit Fft(int n = 1);
  int size() const { return n_; }
  // Transforms `data` (n values) in place; `scratch` holds n values (used
  // only for lengths that are not powers of two).
  void forward(std::complex<double>* data, std::complex<double>* scratch) const;

 private:
  int n_;
  bool radix2_;
  std::vector<std::complex<double>> twiddle_;  // e^(-2 pi i k / n), k < n
  std::vector<int> bit_reverse_;
};

}  // namespace tfb
