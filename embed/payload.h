// The payload: what `bundle` writes into a copy of the runtime stub and what
// the stub reads back from its own file. The byte layout is specified in
// docs/FORMAT.md; this header is the only definition both sides include.
//
// Writing (bundler):
//   embed::write_app(stub_bytes, entries, options, "out/app");
// Reading (stub, and `bundle inspect/verify/extract`):
//   embed::PayloadReader r;
//   if (auto e = embed::PayloadReader::open_self(argv[0], &r); !e.ok()) ...
//   const embed::EntryInfo* m = r.find(embed::EntryKind::kModel);
//   std::span<const uint8_t> model; embed::Blob storage;
//   e = r.read(*m, &model, &storage);   // hash checked; zero-copy when stored
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tfb::embed {

// --- errors: a code (for exit codes and tests) and a one-line message that
// names the field and the values at fault.
enum class ErrorCode {
  kOk = 0,
  kIo,                  // cannot open/read/write/rename a file
  kNoPayload,           // the file carries no payload (e.g. stripped by a tool)
  kTruncated,           // the file ends before the payload it declares
  kBadTrailer,          // trailer present but its checksum or fields are wrong
  kUnsupportedVersion,  // payload format newer than this reader
  kRuntimeMismatch,     // payload made for another runtime version or target
  kBadIndex,            // the index fails its checksum or its verifier
  kChecksumMismatch,    // an entry's bytes do not hash to the recorded value
  kOutOfRange,          // an offset or size points outside the payload
  kBadPadding,          // a byte between entries, index and trailer is not zero
  kDecompress,          // zstd rejected an entry
  kBadElf,              // the stub is not an ELF file we can add a section to
  kInvalidArgument,     // bad writer input (duplicate entry names, ...)
};

struct Error {
  ErrorCode code = ErrorCode::kOk;
  std::string message;
  bool ok() const { return code == ErrorCode::kOk; }
};
const char* error_code_name(ErrorCode code);  // "bad-index", for tests and tools

// 64-byte aligned owned bytes (decompressed entries).
class Blob {
 public:
  Blob() = default;
  explicit Blob(size_t size);  // stays empty (size() == 0) if allocation fails
  uint8_t* data() { return data_.get(); }
  const uint8_t* data() const { return data_.get(); }
  size_t size() const { return size_; }

 private:
  struct Free {
    size_t mapped;  // the length given to map_zeroed, 0 for the heap (value-initialized)
    void operator()(uint8_t* p) const;
  };
  std::unique_ptr<uint8_t, Free> data_;
  size_t size_ = 0;
};

enum class Codec : uint8_t { kStored = 0, kZstd = 1 };
const char* codec_name(Codec codec);

// What an entry is for. Values are part of the format: never renumber.
enum class EntryKind : uint8_t {
  kModel = 1,        // the .tflite file, whole (including any appended ZIP)
  kAppConfig = 2,    // resolved app settings (JSON) the stub reads at start
  kLabels = 3,       // class labels, one per line
  kVocab = 4,        // tokenizer vocabulary
  kDefaultArgs = 5,  // app arguments stored at bundle time, one per line
  kSelfTest = 6,     // input and expected output for --self-test
  kSource = 7,       // a file given to `bundle` kept verbatim for `extract`
};
const char* entry_kind_name(EntryKind kind);

// --- writing

struct EntrySource {
  std::string name;  // unique within the payload, e.g. "model.tflite"
  EntryKind kind;
  std::span<const uint8_t> data;
  Codec codec = Codec::kZstd;  // stored instead when zstd saves nothing
};

// zstd runs single-threaded and one-shot: the output cannot depend on the
// machine, and for models below zstd's job size (32 MiB at level 19) more
// threads would not be faster.
struct PackOptions {
  int zstd_level = 19;
  std::string runtime_version;  // the stub's version, recorded in the index
  std::string target;           // e.g. "x86_64-linux"
};

// Writes stub + payload (as an ELF section, see docs/FORMAT.md) to out_path
// atomically: a temporary file in the same directory, fsync, rename, mode
// 0755. On any failure no file is left at out_path or beside it. Output is a
// pure function of the inputs (no timestamps), so equal inputs give equal
// bytes.
Error write_app(std::span<const uint8_t> stub, const std::vector<EntrySource>& entries, const PackOptions& options,
                const std::string& out_path);

// --- reading

struct EntryInfo {
  std::string name;
  EntryKind kind;
  Codec codec;
  uint64_t offset;         // from the payload start
  uint64_t stored_size;    // bytes in the file
  uint64_t original_size;  // bytes after decompression
  uint64_t hash;           // XXH3-64 of the stored bytes
};

enum class Located { kSection, kTrailerScan };

class PayloadReader {
 public:
  PayloadReader();
  ~PayloadReader();
  PayloadReader(PayloadReader&&) noexcept;
  PayloadReader& operator=(PayloadReader&&) noexcept;

  // Maps the file read-only, finds the payload (ELF section first, then a
  // backward scan for the trailer), checks the trailer and index checksums
  // and that every entry lies inside the payload. Entry bytes are checked
  // by read() / verify_all().
  static Error open(const std::string& path, PayloadReader* out);
  // The same for the running executable: /proc/self/exe, then the
  // auxiliary vector's AT_EXECFN, then argv0 (searched in $PATH).
  static Error open_self(const char* argv0, PayloadReader* out);
  // The same for a file already in memory; `bytes` must outlive the reader.
  // `name` is used in messages.
  static Error open_bytes(std::span<const uint8_t> bytes, const std::string& name, PayloadReader* out);

  const std::vector<EntryInfo>& entries() const;
  const EntryInfo* find(EntryKind kind) const;  // first entry of this kind
  const EntryInfo* find(std::string_view name) const;

  // Checks the entry's hash and returns its original bytes. Stored entries
  // are a view into the mapped file (copied into `storage` instead when a
  // tool moved them off a 64-byte boundary); zstd entries are decompressed
  // into `storage`. The caller keeps `storage` alive while using the bytes.
  Error read(const EntryInfo& entry, std::span<const uint8_t>* bytes, Blob* storage) const;
  // Checks every entry hash and decodes every entry (padding, trailer and
  // index were checked by open).
  Error verify_all() const;

  uint32_t format_version() const;
  const std::string& runtime_version() const;
  const std::string& target() const;
  Located located() const;
  uint64_t payload_offset() const;  // in the file
  uint64_t payload_size() const;
  uint64_t file_size() const;
  const std::string& path() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// kRuntimeMismatch unless the payload was made for this runtime version and
// target (the stub calls this with its own; tools that only inspect do not).
Error check_runtime(const PayloadReader& reader, std::string_view runtime_version, std::string_view target);

}  // namespace tfb::embed
