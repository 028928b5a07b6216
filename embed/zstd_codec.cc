#include "embed/zstd_codec.h"

#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_d_stableOutBuffer
#include <zstd.h>

#include <algorithm>
#include <functional>
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

constexpr size_t kInputStep = size_t{2} << 20;  // input handed to `consumed` at a time

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

Error zstd_decompress(std::span<const uint8_t> in, uint64_t original_size, Blob* out,
                      const std::function<void(std::span<const uint8_t>)>& consumed) {
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
  // The output holds the whole frame and stays put, so zstd decodes straight
  // into it and keeps no window of its own, whatever window the frame asks for.
  for (auto [param, value] :
       {std::pair{ZSTD_d_stableOutBuffer, 1}, std::pair{ZSTD_d_windowLogMax, ZSTD_WINDOWLOG_MAX}}) {
    size_t rc = ZSTD_DCtx_setParameter(dctx.get(), param, value);
    if (ZSTD_isError(rc)) return zstd_error(ErrorCode::kIo, "zstd parameter", rc);
  }
  ZSTD_outBuffer output{blob.data(), blob.size(), 0};
  size_t rc = 1;  // > 0 until the frame is complete
  for (size_t at = 0; at < in.size() && rc != 0;) {
    ZSTD_inBuffer input{in.data() + at, std::min(kInputStep, in.size() - at), 0};
    while (input.pos < input.size && rc != 0) {
      const size_t in_before = input.pos, out_before = output.pos;
      rc = ZSTD_decompressStream(dctx.get(), &output, &input);
      if (ZSTD_isError(rc)) return zstd_error(ErrorCode::kDecompress, "zstd decompression failed", rc);
      if (rc != 0 && input.pos == in_before && output.pos == out_before)
        return {ErrorCode::kDecompress,
                "zstd frame decodes past its declared " + std::to_string(original_size) + " bytes"};
    }
    if (consumed) consumed(in.subspan(at, input.size));
    at += input.size;
  }
  if (rc != 0) return {ErrorCode::kDecompress, "zstd frame is truncated"};
  if (output.pos != original_size)
    return {ErrorCode::kDecompress, "zstd frame decoded to " + std::to_string(output.pos) + " bytes, expected " +
                                        std::to_string(original_size)};
  *out = std::move(blob);
  return {};
}

}  // namespace tfb::embed
