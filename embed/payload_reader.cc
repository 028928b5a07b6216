// Finds, checks and reads a payload. Nothing in the file is trusted: every
// offset and size is checked against the bytes that exist before use.
#include <cinttypes>
#include <cstring>
#include <set>

#include "embed/elf_section.h"
#include "embed/file_util.h"
#include "embed/hash.h"
#include "embed/name_rules.h"
#include "embed/payload.h"
#include "embed/payload_format.h"
#include "embed/payload_index_generated.h"
#include "embed/self_exe.h"
#include "embed/zstd_codec.h"

namespace tfb::embed {

namespace {

using format::kTrailerSize;

std::string hex(uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "0x%016" PRIx64, v);
  return buf;
}
std::string num(uint64_t v) { return std::to_string(v); }
Error fail(ErrorCode code, std::string message) { return {code, std::move(message)}; }

// Checks the trailer whose magic starts at file offset `pos`.
Error check_trailer(std::span<const uint8_t> file, uint64_t pos, format::Trailer* out) {
  const uint8_t* p = file.data() + pos;
  auto magic = format::magic();
  if (std::memcmp(p, magic.data(), magic.size()) != 0)
    return fail(ErrorCode::kBadTrailer, "no payload trailer where one should be (the magic bytes differ)");
  format::Trailer t = format::decode_trailer(p);
  // The version is read before the checksum: another version may lay out
  // the rest of the trailer differently.
  if (t.format_version != format::kVersion)
    return fail(ErrorCode::kUnsupportedVersion, "payload format version " + num(t.format_version) +
                                                    " is not supported (this program reads version " +
                                                    num(format::kVersion) + ")");
  uint64_t expected = format::trailer_checksum(p);
  if (t.checksum != expected)
    return fail(ErrorCode::kBadTrailer,
                "trailer checksum " + hex(t.checksum) + " does not match its bytes (" + hex(expected) + ")");
  if (t.flags != 0)
    return fail(ErrorCode::kUnsupportedVersion, "trailer flags " + hex(t.flags) + " are unknown to this program");
  if (t.reserved != 0) return fail(ErrorCode::kBadTrailer, "trailer field reserved is " + hex(t.reserved) + ", must be 0");
  if (t.payload_size < kTrailerSize || t.payload_size % format::kIndexAlign != 0)
    return fail(ErrorCode::kBadTrailer, "trailer field payload_size " + num(t.payload_size) +
                                            " is not a multiple of 8 of at least " + num(kTrailerSize));
  if (t.payload_size > pos + kTrailerSize)
    return fail(ErrorCode::kOutOfRange, "trailer field payload_size " + num(t.payload_size) + " exceeds the " +
                                            num(pos + kTrailerSize) + " bytes the file has up to the trailer's end");
  *out = t;
  return {};
}

// Backward scan for the last valid trailer, PyInstaller style: bytes
// appended after the payload do not hide it. kNoPayload when no candidate
// has the magic, else the first candidate's error.
Error scan_for_trailer(std::span<const uint8_t> file, uint64_t* pos, format::Trailer* out) {
  auto magic = format::magic();
  Error first_error{ErrorCode::kNoPayload, ""};
  // memrchr over windows of 64 KiB, not the whole rest of the file: the
  // sanitizers check the whole range of every call, which made a scan with
  // many candidate bytes quadratic.
  constexpr size_t kWindow = 64 << 10;
  size_t end = file.size();
  while (end > 0) {
    const size_t from = end > kWindow ? end - kWindow : 0;
    const void* hit = memrchr(file.data() + from, magic[0], end - from);
    if (!hit) {
      end = from;
      continue;
    }
    end = static_cast<size_t>(static_cast<const uint8_t*>(hit) - file.data());
    if (file.size() - end < kTrailerSize || std::memcmp(file.data() + end, magic.data(), magic.size()) != 0) continue;
    Error e = check_trailer(file, end, out);
    if (e.ok()) {
      *pos = end;
      return {};
    }
    if (first_error.code == ErrorCode::kNoPayload) first_error = e;
  }
  return first_error;
}

}  // namespace

struct PayloadReader::Impl {
  std::string path;
  MappedFile file;  // unused by open_bytes
  std::span<const uint8_t> bytes;
  Located located = Located::kSection;
  uint64_t payload_offset = 0;
  format::Trailer trailer;
  std::vector<EntryInfo> entries;
  std::string runtime_version, target;

  std::span<const uint8_t> payload() const { return bytes.subspan(payload_offset, trailer.payload_size); }
  uint64_t body_size() const { return trailer.payload_size - kTrailerSize; }  // bytes before the trailer

  // The bytes before the payload (the stub) are not read again: dropped from
  // this mapping, they leave the resident set (the page cache may map them as
  // one 2 MiB page).
  void release_head() const { file.release(bytes.first(payload_offset)); }

  Error locate();
  Error load_index();
  Error check_padding() const;
};

Error PayloadReader::Impl::locate() {
  SectionRange section;
  std::string why;
  Error section_error;
  if (find_section(bytes, format::kSectionName, &section, &why) == SectionLookup::kFound) {
    std::string name = std::string("section ") + format::kSectionName;
    if (section.offset > bytes.size() || section.size > bytes.size() - section.offset) {
      section_error = fail(ErrorCode::kTruncated, name + " (offset " + num(section.offset) + ", " + num(section.size) +
                                                      " bytes) ends past the end of the file (" + num(bytes.size()) +
                                                      " bytes): the file is truncated");
    } else if (section.size < kTrailerSize) {
      section_error = fail(ErrorCode::kBadTrailer, name + " has " + num(section.size) + " bytes, too few for a payload");
    } else {
      uint64_t pos = section.offset + section.size - kTrailerSize;
      section_error = check_trailer(bytes, pos, &trailer);
      if (section_error.ok() && trailer.payload_size != section.size)
        section_error = fail(ErrorCode::kBadTrailer, "trailer field payload_size " + num(trailer.payload_size) +
                                                         " differs from the size of " + name + " (" +
                                                         num(section.size) + ")");
      if (section_error.ok()) {
        located = Located::kSection;
        payload_offset = section.offset;
        return {};
      }
      section_error.message = name + ": " + section_error.message;
    }
  }
  // No usable section (headers stripped, or the section damaged): scan.
  uint64_t pos = 0;
  Error scan_error = scan_for_trailer(bytes, &pos, &trailer);
  if (scan_error.ok()) {
    located = Located::kTrailerScan;
    payload_offset = pos + kTrailerSize - trailer.payload_size;
    return {};
  }
  if (!section_error.ok()) return section_error;
  if (scan_error.code != ErrorCode::kNoPayload) return scan_error;
  return fail(ErrorCode::kNoPayload, "no payload in '" + path + "' (no " + format::kSectionName +
                                         " section and no trailer): not a bundled app, or a tool removed the payload");
}

Error PayloadReader::Impl::load_index() {
  const format::Trailer& t = trailer;
  if (t.index_offset % format::kIndexAlign != 0 || t.index_offset > body_size() ||
      t.index_size > body_size() - t.index_offset || t.index_size == 0)
    return fail(ErrorCode::kOutOfRange, "trailer fields index_offset " + num(t.index_offset) + " and index_size " +
                                            num(t.index_size) + " do not fit the " + num(body_size()) +
                                            " bytes before the trailer");
  auto index_bytes = payload().subspan(t.index_offset, t.index_size);
  uint64_t h = hash64(index_bytes);
  if (h != t.index_hash)
    return fail(ErrorCode::kBadIndex, "index bytes hash to " + hex(h) + ", trailer field index_hash says " + hex(t.index_hash));
  // Flatbuffers want the buffer aligned; the file offset may not be.
  std::vector<uint64_t> aligned((index_bytes.size() + 7) / 8);
  std::memcpy(aligned.data(), index_bytes.data(), index_bytes.size());
  const auto* buf = reinterpret_cast<const uint8_t*>(aligned.data());
  flatbuffers::Verifier verifier(buf, index_bytes.size());
  if (!fb::VerifyIndexBuffer(verifier))
    return fail(ErrorCode::kBadIndex, "index is not a valid payload index flatbuffer (embed/payload_index.fbs)");
  const fb::Index* index = fb::GetIndex(buf);

  if (!index->runtime_version() || !valid_label(index->runtime_version()->string_view()))
    return fail(ErrorCode::kBadIndex, "index field runtime_version is missing or not 1-64 printable characters");
  if (!index->target() || !valid_label(index->target()->string_view()))
    return fail(ErrorCode::kBadIndex, "index field target is missing or not 1-64 printable characters");
  runtime_version = index->runtime_version()->str();
  target = index->target()->str();

  std::set<std::string> names;
  uint64_t cursor = 0;
  size_t n = index->entries() ? index->entries()->size() : 0;
  for (size_t i = 0; i < n; ++i) {
    const fb::Entry* e = index->entries()->Get(static_cast<flatbuffers::uoffset_t>(i));
    std::string where = "index entry " + num(i);
    if (!e->name() || !valid_entry_name(e->name()->string_view()))
      return fail(ErrorCode::kBadIndex, where + ": name is missing or not 1-128 characters of [A-Za-z0-9._-]");
    EntryInfo info{e->name()->str(), static_cast<EntryKind>(e->kind()), static_cast<Codec>(e->codec()),
                   e->offset(), e->stored_size(), e->original_size(), e->hash()};
    where += " '" + info.name + "'";
    if (!names.insert(info.name).second) return fail(ErrorCode::kBadIndex, where + ": name used twice");
    if (info.codec != Codec::kStored && info.codec != Codec::kZstd)
      return fail(ErrorCode::kBadIndex, where + ": codec " + num(e->codec()) + " is unknown");
    uint64_t expected = format::align_up(cursor, format::kEntryAlign);
    if (info.offset != expected)
      return fail(ErrorCode::kBadIndex, where + ": offset " + num(info.offset) + ", expected " + num(expected) +
                                            " (entries are packed at 64-byte boundaries)");
    if (info.offset > t.index_offset || info.stored_size > t.index_offset - info.offset)
      return fail(ErrorCode::kOutOfRange, where + ": stored_size " + num(info.stored_size) + " runs past the index (at " +
                                              num(t.index_offset) + ")");
    if (info.codec == Codec::kStored && info.original_size != info.stored_size)
      return fail(ErrorCode::kBadIndex, where + ": stored entry has original_size " + num(info.original_size) +
                                            " but stored_size " + num(info.stored_size));
    cursor = info.offset + info.stored_size;
    entries.push_back(std::move(info));
  }
  uint64_t index_at = format::align_up(cursor, format::kIndexAlign);
  if (t.index_offset != index_at)
    return fail(ErrorCode::kBadTrailer, "trailer field index_offset " + num(t.index_offset) + ", expected " +
                                            num(index_at) + " (right after the last entry)");
  uint64_t trailer_at = format::align_up(t.index_offset + t.index_size, format::kIndexAlign);
  if (body_size() != trailer_at)
    return fail(ErrorCode::kBadTrailer, "trailer field payload_size " + num(t.payload_size) + ", expected " +
                                            num(trailer_at + kTrailerSize) + " (index ends at " +
                                            num(t.index_offset + t.index_size) + ")");
  return {};
}

Error PayloadReader::Impl::check_padding() const {
  auto p = payload();
  auto zero = [&](uint64_t from, uint64_t to) -> Error {
    for (uint64_t i = from; i < to; ++i)
      if (p[i] != 0)
        return fail(ErrorCode::kBadPadding, "padding byte at payload offset " + num(i) + " is " + hex(p[i]) + ", must be 0");
    return {};
  };
  uint64_t cursor = 0;
  for (const EntryInfo& e : entries) {
    if (Error err = zero(cursor, e.offset); !err.ok()) return err;
    cursor = e.offset + e.stored_size;
  }
  if (Error err = zero(cursor, trailer.index_offset); !err.ok()) return err;
  return zero(trailer.index_offset + trailer.index_size, body_size());
}

PayloadReader::PayloadReader() = default;
PayloadReader::~PayloadReader() = default;
PayloadReader::PayloadReader(PayloadReader&&) noexcept = default;
PayloadReader& PayloadReader::operator=(PayloadReader&&) noexcept = default;

Error PayloadReader::open_bytes(std::span<const uint8_t> bytes, const std::string& name, PayloadReader* out) {
  auto impl = std::make_unique<Impl>();
  impl->path = name;
  impl->bytes = bytes;
  if (Error e = impl->locate(); !e.ok()) return e;
  if (Error e = impl->load_index(); !e.ok()) return e;
  if (Error e = impl->check_padding(); !e.ok()) return e;
  out->impl_ = std::move(impl);
  return {};
}

Error PayloadReader::open(const std::string& path, PayloadReader* out) {
  MappedFile file;
  if (Error e = MappedFile::open(path, &file); !e.ok()) return e;
  PayloadReader r;
  if (Error e = open_bytes(file.bytes(), path, &r); !e.ok()) return e;
  r.impl_->file = std::move(file);  // the span stays valid: the mapping moves, not the memory
  r.impl_->release_head();
  *out = std::move(r);
  return {};
}

Error PayloadReader::open_self(const char* argv0, PayloadReader* out) {
  std::string tried;
  for (const std::string& path : self_exe_candidates(argv0)) {
    MappedFile file;
    if (!MappedFile::open(path, &file).ok()) {
      tried += (tried.empty() ? "" : ", ") + path;
      continue;
    }
    PayloadReader r;
    if (Error e = open_bytes(file.bytes(), self_exe_display_name(path), &r); !e.ok()) return e;
    r.impl_->file = std::move(file);
    r.impl_->release_head();
    *out = std::move(r);
    return {};
  }
  return fail(ErrorCode::kIo, "cannot open the running program's own file (tried " + tried + ")");
}

const std::vector<EntryInfo>& PayloadReader::entries() const { return impl_->entries; }

const EntryInfo* PayloadReader::find(EntryKind kind) const {
  for (const EntryInfo& e : impl_->entries)
    if (e.kind == kind) return &e;
  return nullptr;
}

const EntryInfo* PayloadReader::find(std::string_view name) const {
  for (const EntryInfo& e : impl_->entries)
    if (e.name == name) return &e;
  return nullptr;
}

Error PayloadReader::read(const EntryInfo& entry, std::span<const uint8_t>* bytes, Blob* storage) const {
  std::string where = "entry '" + entry.name + "'";
  if (entry.offset > impl_->body_size() || entry.stored_size > impl_->body_size() - entry.offset)
    return fail(ErrorCode::kOutOfRange, where + " lies outside the payload");
  auto stored = impl_->payload().subspan(entry.offset, entry.stored_size);
  uint64_t h = hash64(stored);
  if (h != entry.hash)
    return fail(ErrorCode::kChecksumMismatch, where + ": its " + num(stored.size()) + " stored bytes hash to " + hex(h) +
                                                  ", the index says " + hex(entry.hash));
  if (entry.codec == Codec::kZstd) {
    auto release = [&](std::span<const uint8_t> part) { impl_->file.release(part); };
    if (Error e = zstd_decompress(stored, entry.original_size, storage, release); !e.ok())
      return fail(e.code, where + ": " + e.message);
    impl_->file.release(stored);  // the pages astride the parts
    *bytes = {storage->data(), storage->size()};
    return {};
  }
  if (reinterpret_cast<uintptr_t>(stored.data()) % 64 == 0) {
    *bytes = stored;
    return {};
  }
  // A tool moved the section off its alignment: copy to aligned memory.
  Blob copy(stored.size());
  if (copy.size() != stored.size()) return fail(ErrorCode::kIo, where + ": cannot allocate " + num(stored.size()) + " bytes");
  if (!stored.empty()) std::memcpy(copy.data(), stored.data(), stored.size());
  *storage = std::move(copy);
  *bytes = {storage->data(), storage->size()};
  return {};
}

Error PayloadReader::verify_all() const {
  for (const EntryInfo& e : impl_->entries) {
    std::span<const uint8_t> bytes;
    Blob storage;
    if (Error err = read(e, &bytes, &storage); !err.ok()) return err;
  }
  return {};
}

uint32_t PayloadReader::format_version() const { return impl_->trailer.format_version; }
const std::string& PayloadReader::runtime_version() const { return impl_->runtime_version; }
const std::string& PayloadReader::target() const { return impl_->target; }
Located PayloadReader::located() const { return impl_->located; }
uint64_t PayloadReader::payload_offset() const { return impl_->payload_offset; }
uint64_t PayloadReader::payload_size() const { return impl_->trailer.payload_size; }
uint64_t PayloadReader::file_size() const { return impl_->bytes.size(); }
const std::string& PayloadReader::path() const { return impl_->path; }

Error check_runtime(const PayloadReader& reader, std::string_view runtime_version, std::string_view target) {
  if (reader.runtime_version() == runtime_version && reader.target() == target) return {};
  return fail(ErrorCode::kRuntimeMismatch, "payload was made for runtime " + reader.runtime_version() + " (" +
                                               reader.target() + "), this is runtime " + std::string(runtime_version) +
                                               " (" + std::string(target) + "); bundle the model again");
}

}  // namespace tfb::embed
