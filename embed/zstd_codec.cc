#include "embed/zstd_codec.h"

#include <zstd.h>

#include <algorithm>
#include <memory>
#include <string>
#include <thread>

namespace tfb::embed {

namespace {

struct FreeCCtx {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct FreeDCtx {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

Error zstd_error(ErrorCode code, const std::string& what, size_t rc) {
  return {code, what + ": " + ZSTD_getErrorName(rc)};
}

}  // namespace

Error zstd_compress(std::span<const uint8_t> in, int level, std::vector<uint8_t>* out) {
  if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel())
    return {ErrorCode::kInvalidArgument, "zstd level " + std::to_string(level) + " is outside " +
                                             std::to_string(ZSTD_minCLevel()) + ".." + std::to_string(ZSTD_maxCLevel())};
  std::unique_ptr<ZSTD_CCtx, FreeCCtx> cctx(ZSTD_createCCtx());
  if (!cctx) return {ErrorCode::kIo, "cannot allocate a zstd context"};
  for (auto [param, value] : {std::pair{ZSTD_c_compressionLevel, level}, std::pair{ZSTD_c_checksumFlag, 1},
                              std::pair{ZSTD_c_contentSizeFlag, 1}}) {
    size_t rc = ZSTD_CCtx_setParameter(cctx.get(), param, value);
    if (ZSTD_isError(rc)) return zstd_error(ErrorCode::kInvalidArgument, "zstd parameter", rc);
  }
  // Worker threads cut the input into fixed-size jobs, so the output is the
  // same for any worker count >= 1: apps stay byte-identical across machines.
  // A libzstd built without threads refuses this and compresses inline.
  unsigned workers = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
  ZSTD_CCtx_setParameter(cctx.get(), ZSTD_c_nbWorkers, static_cast<int>(workers));
  out->resize(ZSTD_compressBound(in.size()));
  size_t rc = ZSTD_compress2(cctx.get(), out->data(), out->size(), in.data(), in.size());
  if (ZSTD_isError(rc)) return zstd_error(ErrorCode::kIo, "zstd compression failed", rc);
  out->resize(rc);
  return {};
}

Error zstd_decompress(std::span<const uint8_t> in, uint64_t original_size, Blob* out) {
  unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) return {ErrorCode::kDecompress, "not a zstd frame"};
  if (declared == ZSTD_CONTENTSIZE_UNKNOWN) return {ErrorCode::kDecompress, "zstd frame does not declare its content size"};
  if (declared != original_size)
    return {ErrorCode::kDecompress, "zstd frame holds " + std::to_string(declared) + " bytes, index says " +
                                        std::to_string(original_size)};
  size_t frame = ZSTD_findFrameCompressedSize(in.data(), in.size());
  if (ZSTD_isError(frame)) return zstd_error(ErrorCode::kDecompress, "bad zstd frame", frame);
  if (frame != in.size())
    return {ErrorCode::kDecompress, std::to_string(in.size() - frame) + " bytes follow the zstd frame"};

  Blob blob(static_cast<size_t>(original_size));
  if (blob.size() != original_size)
    return {ErrorCode::kDecompress, "cannot allocate " + std::to_string(original_size) + " bytes to decompress into"};
  std::unique_ptr<ZSTD_DCtx, FreeDCtx> dctx(ZSTD_createDCtx());
  if (!dctx) return {ErrorCode::kIo, "cannot allocate a zstd context"};
  size_t rc = ZSTD_decompressDCtx(dctx.get(), blob.data(), blob.size(), in.data(), in.size());
  if (ZSTD_isError(rc)) return zstd_error(ErrorCode::kDecompress, "zstd decompression failed", rc);
  if (rc != original_size)
    return {ErrorCode::kDecompress, "zstd frame decoded to " + std::to_string(rc) + " bytes, expected " +
                                        std::to_string(original_size)};
  *out = std::move(blob);
  return {};
}

}  // namespace tfb::embed
