// libFuzzer target: finding and checking a payload in an app's bytes, then
// reading every entry. The first byte picks the mode: odd values first
// rewrite the trailer checksum and index hash to match the mutated bytes,
// so mutations reach the index and layout checks behind them.
#include <cstring>
#include <vector>

#include "embed/hash.h"
#include "embed/payload.h"
#include "embed/payload_format.h"
#include "fuzz_entry.h"

namespace {

namespace format = tfb::embed::format;

// Makes the hashes of the last trailer in `app` match its bytes.
void fix_hashes(std::vector<uint8_t>& app) {
  if (app.size() < format::kTrailerSize) return;
  uint8_t* tr = app.data() + app.size() - format::kTrailerSize;
  format::Trailer t = format::decode_trailer(tr);
  if (t.payload_size <= app.size() && t.index_offset <= t.payload_size &&
      t.index_size <= t.payload_size - t.index_offset) {
    const uint8_t* payload = app.data() + app.size() - t.payload_size;
    t.index_hash = tfb::embed::hash64({payload + t.index_offset, static_cast<size_t>(t.index_size)});
  }
  format::encode_trailer(t, tr);  // recomputes the checksum
}

}  // namespace

int tfb_fuzz_payload(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  std::vector<uint8_t> app(data + 1, data + size);
  if (data[0] & 1) fix_hashes(app);
  tfb::embed::PayloadReader r;
  if (!tfb::embed::PayloadReader::open_bytes(app, "fuzz", &r).ok()) return 0;
  (void)r.verify_all();
  (void)r.find(tfb::embed::EntryKind::kModel);
  return 0;
}

TFB_FUZZ_ENTRY(tfb_fuzz_payload)
