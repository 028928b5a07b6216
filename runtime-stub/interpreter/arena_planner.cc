#include "interpreter/arena_planner.h"

#include <algorithm>
#include <numeric>

#include "interpreter/aligned_buffer.h"

namespace tfb {

namespace {
size_t align_up(size_t n) { return (n + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment; }

bool lifetimes_overlap(const ArenaRequest& a, const ArenaRequest& b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}
}  // namespace

ArenaPlan plan_arena(const std::vector<ArenaRequest>& requests) {
  ArenaPlan plan;
  plan.offsets.assign(requests.size(), 0);
  std::vector<size_t> order(requests.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return requests[a].bytes > requests[b].bytes; });

  std::vector<size_t> placed;  // request ids already placed, sorted by offset
  struct Span { size_t begin, end; };
  std::vector<Span> busy;
  for (size_t id : order) {
    const ArenaRequest& r = requests[id];
    size_t size = align_up(std::max<size_t>(r.bytes, 1));
    busy.clear();
    for (size_t other : placed)
      if (lifetimes_overlap(r, requests[other]))
        busy.push_back({plan.offsets[other], plan.offsets[other] + align_up(std::max<size_t>(requests[other].bytes, 1))});
    std::sort(busy.begin(), busy.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    size_t offset = 0;
    for (const Span& s : busy) {
      if (s.begin >= offset + size) break;  // fits in the gap before s
      offset = std::max(offset, s.end);
    }
    plan.offsets[id] = offset;
    plan.peak = std::max(plan.peak, offset + size);
    placed.push_back(id);
  }
  return plan;
}

}  // namespace tfb
