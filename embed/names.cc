// Printable names for the payload's enums.
#include "embed/payload.h"

namespace tfb::embed {

const char* entry_kind_name(EntryKind kind) {
  switch (kind) {
    case EntryKind::kModel: return "model";
    case EntryKind::kAppConfig: return "app-config";
    case EntryKind::kLabels: return "labels";
    case EntryKind::kVocab: return "vocab";
    case EntryKind::kDefaultArgs: return "default-args";
    case EntryKind::kSelfTest: return "self-test";
    case EntryKind::kSource: return "source";
  }
  return "unknown";
}

const char* codec_name(Codec codec) {
  switch (codec) {
    case Codec::kStored: return "stored";
    case Codec::kZstd: return "zstd";
  }
  return "unknown";
}

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "ok";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kNoPayload: return "no-payload";
    case ErrorCode::kTruncated: return "truncated";
    case ErrorCode::kBadTrailer: return "bad-trailer";
    case ErrorCode::kUnsupportedVersion: return "unsupported-version";
    case ErrorCode::kRuntimeMismatch: return "runtime-mismatch";
    case ErrorCode::kBadIndex: return "bad-index";
    case ErrorCode::kChecksumMismatch: return "checksum-mismatch";
    case ErrorCode::kOutOfRange: return "out-of-range";
    case ErrorCode::kBadPadding: return "bad-padding";
    case ErrorCode::kDecompress: return "decompress";
    case ErrorCode::kBadElf: return "bad-elf";
    case ErrorCode::kInvalidArgument: return "invalid-argument";
  }
  return "unknown";
}

}  // namespace tfb::embed
