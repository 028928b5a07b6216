// Builds a payload (entries, index, trailer) and writes stub + payload as an
// ELF section. Layout rules: docs/FORMAT.md.
#include <algorithm>
#include <set>

#include "embed/elf_section.h"
#include "embed/file_util.h"
#include "embed/hash.h"
#include "embed/name_rules.h"
#include "embed/payload.h"
#include "embed/payload_format.h"
#include "embed/payload_index_generated.h"
#include "embed/zstd_codec.h"

namespace tfb::embed {

namespace {

Error invalid(const std::string& message) { return {ErrorCode::kInvalidArgument, message}; }

Error check_sources(const std::vector<EntrySource>& entries, const PackOptions& options) {
  std::set<std::string> names;
  for (const EntrySource& e : entries) {
    if (!valid_entry_name(e.name))
      return invalid("entry name '" + e.name + "' must be 1-128 characters of [A-Za-z0-9._-] not starting with '.'");
    if (!names.insert(e.name).second) return invalid("two entries are named '" + e.name + "'");
    if (e.codec != Codec::kStored && e.codec != Codec::kZstd) return invalid("entry '" + e.name + "' has an unknown codec");
  }
  if (!valid_label(options.runtime_version))
    return invalid("runtime version '" + options.runtime_version + "' must be 1-64 printable ASCII characters");
  if (!valid_label(options.target)) return invalid("target '" + options.target + "' must be 1-64 printable ASCII characters");
  return {};
}

struct Encoded {
  const EntrySource* source;
  Codec codec;
  std::vector<uint8_t> compressed;  // empty when stored
  std::span<const uint8_t> stored() const {
    return codec == Codec::kStored ? source->data : std::span<const uint8_t>(compressed);
  }
};

Error build_payload(const std::vector<EntrySource>& entries, const PackOptions& options, std::vector<uint8_t>* out) {
  if (Error e = check_sources(entries, options); !e.ok()) return e;

  // Model entries first, so the model starts the payload (page aligned).
  std::vector<const EntrySource*> order;
  for (const EntrySource& e : entries) order.push_back(&e);
  std::stable_partition(order.begin(), order.end(), [](const EntrySource* e) { return e->kind == EntryKind::kModel; });

  std::vector<Encoded> encoded;
  for (const EntrySource* e : order) {
    Encoded enc{e, Codec::kStored, {}};
    if (e->codec == Codec::kZstd) {
      if (Error err = zstd_compress(e->data, options.zstd_level, &enc.compressed); !err.ok())
        return {err.code, "entry '" + e->name + "': " + err.message};
      // Keep the smaller form: zstd can only lose on incompressible data.
      if (enc.compressed.size() < e->data.size()) enc.codec = Codec::kZstd;
      else enc.compressed.clear();
    }
    encoded.push_back(std::move(enc));
  }

  flatbuffers::FlatBufferBuilder fbb;
  std::vector<flatbuffers::Offset<fb::Entry>> index_entries;
  uint64_t cursor = 0;
  std::vector<uint64_t> offsets;
  for (const Encoded& enc : encoded) {
    cursor = format::align_up(cursor, format::kEntryAlign);
    offsets.push_back(cursor);
    auto stored = enc.stored();
    index_entries.push_back(fb::CreateEntry(fbb, fbb.CreateString(enc.source->name),
                                            static_cast<uint8_t>(enc.source->kind), static_cast<uint8_t>(enc.codec),
                                            cursor, stored.size(), enc.source->data.size(), hash64(stored)));
    cursor += stored.size();
  }
  auto index = fb::CreateIndex(fbb, fbb.CreateVector(index_entries), fbb.CreateString(options.runtime_version),
                               fbb.CreateString(options.target));
  fbb.Finish(index, fb::IndexIdentifier());
  std::span<const uint8_t> index_bytes(fbb.GetBufferPointer(), fbb.GetSize());

  format::Trailer trailer;
  trailer.index_offset = format::align_up(cursor, format::kIndexAlign);
  trailer.index_size = index_bytes.size();
  trailer.index_hash = hash64(index_bytes);
  uint64_t trailer_offset = format::align_up(trailer.index_offset + trailer.index_size, format::kIndexAlign);
  trailer.payload_size = trailer_offset + format::kTrailerSize;

  out->assign(trailer.payload_size, 0);
  for (size_t i = 0; i < encoded.size(); ++i) {
    auto stored = encoded[i].stored();
    if (!stored.empty()) std::copy(stored.begin(), stored.end(), out->begin() + static_cast<ptrdiff_t>(offsets[i]));
  }
  std::copy(index_bytes.begin(), index_bytes.end(), out->begin() + static_cast<ptrdiff_t>(trailer.index_offset));
  format::encode_trailer(trailer, out->data() + trailer_offset);
  return {};
}

}  // namespace

Error write_app(std::span<const uint8_t> stub, const std::vector<EntrySource>& entries, const PackOptions& options,
                const std::string& out_path) {
  std::vector<uint8_t> payload, app;
  if (Error e = build_payload(entries, options, &payload); !e.ok()) return e;
  if (Error e = add_section(stub, format::kSectionName, payload, format::kPayloadAlign, &app); !e.ok()) return e;
  return write_file_atomic(out_path, app, 0777, /*sync=*/true);
}

}  // namespace tfb::embed
