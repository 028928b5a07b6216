// The payload checks hold on a real app (the static stub, not the tiny ELF
// of the embed tests): truncations are refused at every length near the
// payload and at a sample of lengths inside the stub.
#include "e2e_util.h"
#include "embed/payload.h"

namespace tfb::test {
namespace {

TEST(RealAppPayload, TruncationsAreRefused) {
  TFB_REQUIRE_SHARED();
  fs::path dir = temp_dir("real-app-truncate");
  bundle_or_fail(hello_model(), dir / "app");
  auto app = read_file(dir / "app");
  embed::PayloadReader whole;
  ASSERT_TRUE(embed::PayloadReader::open_bytes(app, "app", &whole).ok());
  uint64_t near = whole.payload_offset() > 8192 ? whole.payload_offset() - 8192 : 0;
  int tried = 0;
  for (uint64_t len = 0; len < app.size(); len += len < near ? 4099 : 1) {
    embed::PayloadReader r;
    embed::Error e = embed::PayloadReader::open_bytes(std::span<const uint8_t>(app.data(), len), "app", &r);
    if (e.ok()) e = r.verify_all();
    ASSERT_FALSE(e.ok()) << "truncated to " << len << " of " << app.size();
    ++tried;
  }
  EXPECT_GT(tried, 8192);
}

}  // namespace
}  // namespace tfb::test
