// Places buffers with known lifetimes in one arena so that buffers alive at
// the same time never overlap, reusing memory otherwise.
//
//   offset 0                                                  peak
//   | t3 (ops 0..4)           | t7 (ops 5..9)      |          |
//   | t1 (ops 0..1) | t5 (ops 2..6)      | scratch (op 7) |   |
//
// Greedy: the largest buffer first, each at the lowest offset where it
// overlaps no already placed buffer that is alive at the same time. Not
// optimal (the problem is NP-hard) but within a few percent on real models.
// Offsets are multiples of kTensorAlignment.
#pragma once

#include <cstddef>
#include <vector>

namespace tfb {

struct ArenaRequest {
  size_t bytes;
  int first_use;  // op index (inclusive); -1 = before the first op
  int last_use;   // op index (inclusive)
};

struct ArenaPlan {
  std::vector<size_t> offsets;  // one per request
  size_t peak = 0;
};

ArenaPlan plan_arena(const std::vector<ArenaRequest>& requests);

}  // namespace tfb
