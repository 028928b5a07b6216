#include "embed/page_memory.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace tfb {
namespace {

using Piece = std::pair<uint8_t*, size_t>;

bool all_zero(const uint8_t* p, size_t n) {
  return std::all_of(p, p + n, [](uint8_t b) { return b == 0; });
}

// Sizes below and above the 2 MiB line, so both the shared chunks and the
// mappings of their own are used; enough of them to fill several chunks.
std::vector<size_t> piece_sizes() {
  std::vector<size_t> sizes;
  for (size_t i = 0; i < 40; ++i) sizes.push_back((size_t{64} << 10) * (1 + i % 9) + i * 100);
  sizes.push_back(size_t{2} << 20);
  sizes.push_back((size_t{3} << 20) + 5);
  return sizes;
}

TEST(PageMemory, PiecesAreZeroedAlignedAndDisjointAcrossReuse) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  for (int round = 0; round < 3; ++round) {
    std::vector<Piece> pieces;
    for (size_t n : piece_sizes()) {
      auto* p = static_cast<uint8_t*>(embed::map_zeroed(n));
      ASSERT_NE(p, nullptr) << n;
      EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % page, 0u) << n;
      EXPECT_TRUE(all_zero(p, n)) << "round " << round << ", " << n << " bytes";
      std::memset(p, 0xA5, n);  // dirty, so a piece handed out again would show
      pieces.push_back({p, n});
    }
    std::vector<Piece> sorted = pieces;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 1; i < sorted.size(); ++i) {
      EXPECT_LE(sorted[i - 1].first + sorted[i - 1].second, sorted[i].first) << "pieces overlap";
    }
    // Free every other piece first, then the rest, to free chunks both ways.
    for (size_t i = 0; i < pieces.size(); i += 2) embed::unmap_zeroed(pieces[i].first, pieces[i].second);
    for (size_t i = 1; i < pieces.size(); i += 2) embed::unmap_zeroed(pieces[i].first, pieces[i].second);
  }
}

TEST(PageMemory, ChunkIsUnmappedWhenItsLastPieceIsFreed) {
  const size_t n = size_t{256} << 10;
  // 10 MiB of pieces: more than one chunk.
  std::vector<uint8_t*> pieces;
  for (int i = 0; i < 40; ++i) pieces.push_back(static_cast<uint8_t*>(embed::map_zeroed(n)));
  for (uint8_t* p : pieces) ASSERT_NE(p, nullptr);
  for (uint8_t* p : pieces) embed::unmap_zeroed(p, n);
  // All chunks are gone: msync refuses memory that is not mapped (ENOMEM).
  size_t still_mapped = 0;
  for (uint8_t* p : pieces) still_mapped += msync(p, n, MS_ASYNC) == 0;
  EXPECT_EQ(still_mapped, 0u);
}

TEST(PageMemory, TrimReturnsTheUntouchedRestAndStartsANewChunk) {
  const size_t page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t n = size_t{64} << 10;
  auto* first = static_cast<uint8_t*>(embed::map_zeroed(n));
  ASSERT_NE(first, nullptr);
  embed::trim_small_buffers();
  // The page past the piece shared its huge page; it is no longer resident.
  unsigned char resident = 1;
  ASSERT_EQ(mincore(first + n, page, &resident), 0);
  EXPECT_EQ(resident & 1, 0);
  EXPECT_EQ(first[n - 1], 0);  // the piece itself is kept
  auto* second = static_cast<uint8_t*>(embed::map_zeroed(n));
  ASSERT_NE(second, nullptr);
  EXPECT_NE(second, first + n) << "a piece came from the trimmed chunk";
  embed::unmap_zeroed(first, n);
  embed::unmap_zeroed(second, n);
}

}  // namespace
}  // namespace tfb
