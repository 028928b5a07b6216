// Cuts real models down for tests: keep some of a model's ops and make
// chosen tensors its outputs, so one op can be checked on real weights even
// while the rest of the model uses ops not implemented yet.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace tfb::test {

// A copy of `model` whose main subgraph runs only `ops` (indices, in their
// original order) and outputs `outputs`. Tensors those ops read that no kept
// op writes (and that are not constants or variables) become the inputs.
std::vector<uint8_t> keep_ops(std::span<const uint8_t> model, const std::vector<int>& ops,
                              const std::vector<int>& outputs);

}  // namespace tfb::test
