// Builds compressed RecordBatch v2 for the storage tests with the same libraries the
// broker decompresses with: gzip (gzip framing), snappy (xerial-framed as Java clients
// send it, or one raw block), LZ4 frames and zstd (streamed, so without a content size).
#pragma once

#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "skiff/sdk/record_batch.h"

namespace skiff::storage::test {

enum class Codec { kGzip, kSnappyXerial, kSnappyRaw, kLz4, kZstd };

inline const char* codec_name(Codec c) {
  switch (c) {
    case Codec::kGzip: return "gzip";
    case Codec::kSnappyXerial: return "snappy (xerial)";
    case Codec::kSnappyRaw: return "snappy (raw)";
    case Codec::kLz4: return "lz4";
    case Codec::kZstd: return "zstd";
  }
  return "?";
}

inline sdk::Compression compression_of(Codec c) {
  switch (c) {
    case Codec::kGzip: return sdk::Compression::kGzip;
    case Codec::kSnappyXerial:
    case Codec::kSnappyRaw: return sdk::Compression::kSnappy;
    case Codec::kLz4: return sdk::Compression::kLz4;
    case Codec::kZstd: return sdk::Compression::kZstd;
  }
  return sdk::Compression::kNone;
}

// `total` bytes gzipped in 1 MiB chunks that `fill(chunk, offset)` writes, so
// inputs far larger than memory (decompression bombs) can be made.
template <class Fill>
std::vector<uint8_t> gzip_stream(std::size_t total, Fill&& fill) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    throw std::runtime_error("deflateInit2");
  std::vector<uint8_t> out;
  std::vector<uint8_t> chunk(1 << 20), buf(1 << 16);
  for (std::size_t done = 0;;) {
    std::size_t n = std::min(chunk.size(), total - done);
    fill(std::span<uint8_t>(chunk.data(), n), done);
    done += n;
    const int flush = done == total ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = chunk.data();
    z.avail_in = static_cast<uInt>(n);
    int rc;
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      rc = deflate(&z, flush);
      if (rc == Z_STREAM_ERROR) throw std::runtime_error("deflate");
      out.insert(out.end(), buf.begin(), buf.end() - z.avail_out);
    } while (z.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
    if (done == total) break;
  }
  deflateEnd(&z);
  return out;
}

inline std::vector<uint8_t> gzip_compress(std::span<const uint8_t> in) {
  return gzip_stream(in.size(), [&](std::span<uint8_t> chunk, std::size_t at) {
    std::memcpy(chunk.data(), in.data() + at, chunk.size());
  });
}

inline std::vector<uint8_t> snappy_block(std::span<const uint8_t> in) {
  std::vector<uint8_t> out(snappy_max_compressed_length(in.size()));
  std::size_t n = out.size();
  if (snappy_compress(reinterpret_cast<const char*>(in.data()), in.size(),
                      reinterpret_cast<char*>(out.data()), &n) != SNAPPY_OK)
    throw std::runtime_error("snappy_compress");
  out.resize(n);
  return out;
}

// snappy-java's stream: magic, version 1, compatible version 1, then blocks of
// [i32 length][raw snappy]; small blocks so a batch spans several.
inline std::vector<uint8_t> snappy_xerial(std::span<const uint8_t> in, std::size_t block = 64) {
  std::vector<uint8_t> out = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0, 0, 0, 0, 1, 0, 0, 0, 1};
  for (std::size_t pos = 0; pos < in.size(); pos += block) {
    auto compressed = snappy_block(in.subspan(pos, std::min(block, in.size() - pos)));
    uint8_t length[4];
    sdk::store_be<uint32_t>(length, static_cast<uint32_t>(compressed.size()));
    out.insert(out.end(), length, length + 4);
    out.insert(out.end(), compressed.begin(), compressed.end());
  }
  return out;
}

inline std::vector<uint8_t> lz4_compress(std::span<const uint8_t> in) {
  LZ4F_preferences_t prefs{};
  prefs.frameInfo.blockMode = LZ4F_blockIndependent;  // as KafkaLZ4BlockOutputStream
  std::vector<uint8_t> out(LZ4F_compressFrameBound(in.size(), &prefs));
  std::size_t n = LZ4F_compressFrame(out.data(), out.size(), in.data(), in.size(), &prefs);
  if (LZ4F_isError(n)) throw std::runtime_error("LZ4F_compressFrame");
  out.resize(n);
  return out;
}

// Streams `total` bytes made by `fill` (called with a chunk to fill) through a zstd
// compressor that is not told the size, as streaming producers do; a huge input never
// sits in memory at once.
template <class Fill>
std::vector<uint8_t> zstd_stream(std::size_t total, Fill&& fill, std::size_t pledged = 0) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  if (pledged) ZSTD_CCtx_setPledgedSrcSize(cctx, pledged);
  std::vector<uint8_t> out;
  std::vector<uint8_t> chunk(1 << 20), buf(ZSTD_CStreamOutSize());
  for (std::size_t done = 0;;) {
    std::size_t n = std::min(chunk.size(), total - done);
    fill(std::span<uint8_t>(chunk.data(), n), done);
    done += n;
    ZSTD_EndDirective mode = done == total ? ZSTD_e_end : ZSTD_e_continue;
    ZSTD_inBuffer input{chunk.data(), n, 0};
    for (;;) {
      ZSTD_outBuffer output{buf.data(), buf.size(), 0};
      std::size_t left = ZSTD_compressStream2(cctx, &output, &input, mode);
      if (ZSTD_isError(left)) throw std::runtime_error(ZSTD_getErrorName(left));
      out.insert(out.end(), buf.begin(), buf.begin() + static_cast<std::ptrdiff_t>(output.pos));
      if (mode == ZSTD_e_end ? left == 0 : input.pos == input.size) break;
    }
    if (done == total) break;
  }
  ZSTD_freeCCtx(cctx);
  return out;
}

inline std::vector<uint8_t> zstd_compress(std::span<const uint8_t> in) {
  return zstd_stream(in.size(), [&](std::span<uint8_t> chunk, std::size_t at) {
    std::memcpy(chunk.data(), in.data() + at, chunk.size());
  });
}

inline std::vector<uint8_t> compress(Codec c, std::span<const uint8_t> in) {
  switch (c) {
    case Codec::kGzip: return gzip_compress(in);
    case Codec::kSnappyXerial: return snappy_xerial(in);
    case Codec::kSnappyRaw: return snappy_block(in);
    case Codec::kLz4: return lz4_compress(in);
    case Codec::kZstd: return zstd_compress(in);
  }
  return {};
}

// `plain` (an uncompressed batch) with `payload` as its records section, its
// compression bits set to `c`, its length and CRC made to match.
inline std::vector<uint8_t> with_payload(std::span<const uint8_t> plain, sdk::Compression c,
                                         std::span<const uint8_t> payload) {
  std::vector<uint8_t> out(plain.begin(), plain.begin() + sdk::batch::kHeaderSize);
  out.insert(out.end(), payload.begin(), payload.end());
  auto attributes = sdk::load_be<int16_t>(out.data() + sdk::batch::kAttributes);
  attributes =
      static_cast<int16_t>((attributes & ~sdk::batch::kCompressionMask) | static_cast<int16_t>(c));
  sdk::store_be<int16_t>(out.data() + sdk::batch::kAttributes, attributes);
  sdk::store_be<int32_t>(out.data() + sdk::batch::kBatchLength,
                         static_cast<int32_t>(out.size() - sdk::batch::kLogOverhead));
  sdk::update_crc(out);
  return out;
}

// The records section of an uncompressed batch.
inline std::span<const uint8_t> records_section(std::span<const uint8_t> plain) {
  return plain.subspan(sdk::batch::kHeaderSize);
}

// `plain` compressed with `c`, every header field kept.
inline std::vector<uint8_t> compressed_batch(Codec c, std::span<const uint8_t> plain) {
  return with_payload(plain, compression_of(c), compress(c, records_section(plain)));
}

}  // namespace skiff::storage::test
