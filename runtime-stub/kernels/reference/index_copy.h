// Reference for IndexCopy (kernels/index_copy.h): the same mapping computed
// one output element at a time, with no merging or fast paths. Tests
// compare the real engine against it.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

namespace tfb::reference {

// maps[d][o] = input element offset contributed by output index o along
// dimension d, or -1 (fill). The output is dense, row-major.
inline void index_copy(const std::vector<std::vector<int64_t>>& maps, size_t elem, const uint8_t* in, uint8_t* out,
                       const uint8_t* fill) {
  int64_t total = 1;
  for (const auto& m : maps) total *= static_cast<int64_t>(m.size());
  for (int64_t flat = 0; flat < total; ++flat) {
    int64_t rest = flat, offset = 0;
    bool filled = false;
    for (size_t d = maps.size(); d-- > 0;) {
      const int64_t size = static_cast<int64_t>(maps[d].size());
      const int64_t contribution = maps[d][rest % size];
      rest /= size;
      if (contribution < 0)
        filled = true;
      else
        offset += contribution;
    }
    std::memcpy(out + flat * static_cast<int64_t>(elem), filled ? fill : in + offset * static_cast<int64_t>(elem),
                elem);
  }
}

}  // namespace tfb::reference
