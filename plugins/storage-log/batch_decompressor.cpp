#include "batch_decompressor.h"

#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cstring>
#include <string>

namespace skiff::storage {

namespace {

constexpr std::size_t kMinLimit = 64u << 20;
constexpr std::size_t kMaxRatio = 256;
// Kafka's clients index a records section with Java ints; more is never legitimate.
constexpr std::size_t kAbsoluteLimit = INT32_MAX;
constexpr std::size_t kFirstBufferBytes = 64u << 10;

// Xerial snappy-java's stream header: magic, then version and compatible version (i32 each).
constexpr uint8_t kXerialMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr std::size_t kXerialHeaderSize = sizeof kXerialMagic + 8;

sdk::BatchValidation corrupt(const char* codec, const std::string& why) {
  return sdk::BatchValidation::corrupt(std::string(codec) + " records do not decompress: " + why);
}
// The output passed its limit; decompress() words the message.
sdk::BatchValidation too_large() { return sdk::BatchValidation::invalid({}); }

}  // namespace

std::size_t decompressed_size_limit(std::size_t compressed_size) {
  std::size_t by_ratio =
      compressed_size > kAbsoluteLimit / kMaxRatio ? kAbsoluteLimit : compressed_size * kMaxRatio;
  return std::min(kAbsoluteLimit, std::max(kMinLimit, by_ratio));
}

struct BatchDecompressor::State {
  // Output: capacity may reach limit + 1, so "more than the limit" is seen without
  // having to guess whether a full buffer was the exact end of the stream.
  std::unique_ptr<uint8_t[]> buffer;
  std::size_t capacity = 0;
  std::size_t size = 0;
  std::size_t max_capacity = 0;

  z_stream gzip{};
  bool gzip_ready = false;
  LZ4F_dctx* lz4 = nullptr;
  ZSTD_DCtx* zstd = nullptr;

  ~State() {
    if (gzip_ready) inflateEnd(&gzip);
    if (lz4) LZ4F_freeDecompressionContext(lz4);
    ZSTD_freeDCtx(zstd);
  }

  uint8_t* tail() { return buffer.get() + size; }
  std::size_t room() const { return capacity - size; }

  // Room for at least `want` more bytes (or some, when 0), within max_capacity;
  // false when no room can be made.
  bool reserve(std::size_t want = 0) {
    if (want == 0 && room() > 0) return true;
    if (want != 0 && room() >= want) return true;
    if (capacity >= max_capacity) return false;
    std::size_t grown = std::max({capacity * 2, kFirstBufferBytes, size + want});
    grown = std::min(grown, max_capacity);
    if (grown > capacity) {
      std::unique_ptr<uint8_t[]> bigger(new uint8_t[grown]);
      if (size) std::memcpy(bigger.get(), buffer.get(), size);
      buffer = std::move(bigger);
      capacity = grown;
    }
    return want == 0 ? room() > 0 : room() >= want;
  }

  sdk::BatchValidation gzip_inflate(std::span<const uint8_t> in);
  sdk::BatchValidation snappy_block(std::span<const uint8_t> in);
  sdk::BatchValidation snappy_inflate(std::span<const uint8_t> in);
  sdk::BatchValidation lz4_inflate(std::span<const uint8_t> in);
  sdk::BatchValidation zstd_inflate(std::span<const uint8_t> in);
};

// Kafka's gzip is the gzip format (GZIPOutputStream), not raw zlib; members may be
// concatenated, as GZIPInputStream reads them.
sdk::BatchValidation BatchDecompressor::State::gzip_inflate(std::span<const uint8_t> in) {
  if (!gzip_ready) {
    if (inflateInit2(&gzip, 16 + MAX_WBITS) != Z_OK) return corrupt("gzip", "inflateInit2 failed");
    gzip_ready = true;
  }
  gzip.next_in = const_cast<Bytef*>(in.data());
  gzip.avail_in = static_cast<uInt>(in.size());
  while (gzip.avail_in > 0) {
    inflateReset(&gzip);
    for (;;) {
      if (!reserve()) return too_large();
      gzip.next_out = tail();
      gzip.avail_out = static_cast<uInt>(room());
      int rc = inflate(&gzip, Z_NO_FLUSH);
      size += room() - gzip.avail_out;
      if (rc == Z_STREAM_END) break;
      if (rc != Z_OK && rc != Z_BUF_ERROR)
        return corrupt("gzip", gzip.msg ? gzip.msg : "inflate error " + std::to_string(rc));
      if (gzip.avail_in == 0 && gzip.avail_out > 0) return corrupt("gzip", "truncated stream");
    }
  }
  return {};
}

sdk::BatchValidation BatchDecompressor::State::snappy_block(std::span<const uint8_t> in) {
  const char* src = reinterpret_cast<const char*>(in.data());
  std::size_t length = 0;
  if (snappy_uncompressed_length(src, in.size(), &length) != SNAPPY_OK)
    return corrupt("snappy", "bad block length");
  // Snappy states its size up front: a bomb is refused before anything is inflated.
  if (length >= max_capacity - size || !reserve(length)) return too_large();
  std::size_t written = length;
  if (snappy_uncompress(src, in.size(), reinterpret_cast<char*>(tail()), &written) != SNAPPY_OK)
    return corrupt("snappy", "bad block");
  size += written;
  return {};
}

// Java clients (snappy-java) frame snappy as xerial streams: the header, then blocks of
// [i32 compressed length][raw snappy]. Some other clients send one raw snappy block;
// like librdkafka, accept both, telling them apart by the magic.
sdk::BatchValidation BatchDecompressor::State::snappy_inflate(std::span<const uint8_t> in) {
  if (in.size() < kXerialHeaderSize ||
      std::memcmp(in.data(), kXerialMagic, sizeof kXerialMagic) != 0) {
    return snappy_block(in);
  }
  std::size_t pos = kXerialHeaderSize;
  while (pos < in.size()) {
    if (in.size() - pos < 4) return corrupt("snappy", "truncated xerial block length");
    auto length = sdk::load_be<uint32_t>(in.data() + pos);
    pos += 4;
    if (length > in.size() - pos) return corrupt("snappy", "truncated xerial block");
    if (auto block = snappy_block(in.subspan(pos, length)); !block) return block;
    pos += length;
  }
  return {};
}

// Kafka's LZ4 is the LZ4 frame format (KafkaLZ4BlockOutputStream); frames may follow
// each other.
sdk::BatchValidation BatchDecompressor::State::lz4_inflate(std::span<const uint8_t> in) {
  if (!lz4) {
    if (LZ4F_isError(LZ4F_createDecompressionContext(&lz4, LZ4F_VERSION)))
      return corrupt("lz4", "cannot create a context");
  } else {
    LZ4F_resetDecompressionContext(lz4);  // an earlier failure may have left it mid-frame
  }
  std::size_t pos = 0;
  for (;;) {
    if (!reserve()) return too_large();
    std::size_t consumed = in.size() - pos;
    std::size_t produced = room();
    std::size_t hint = LZ4F_decompress(lz4, tail(), &produced, in.data() + pos, &consumed, nullptr);
    if (LZ4F_isError(hint)) return corrupt("lz4", LZ4F_getErrorName(hint));
    pos += consumed;
    size += produced;
    if (hint == 0) {
      if (pos == in.size()) return {};
      continue;  // the next frame
    }
    if (consumed == 0 && produced == 0) return corrupt("lz4", "truncated frame");
  }
}

// zstd frames may omit their content size (streaming compressors do), so the output is
// grown as it comes; a declared size is checked against the limit before anything else.
sdk::BatchValidation BatchDecompressor::State::zstd_inflate(std::span<const uint8_t> in) {
  if (!zstd) {
    zstd = ZSTD_createDCtx();
    if (!zstd) return corrupt("zstd", "cannot create a context");
  } else {
    ZSTD_DCtx_reset(zstd, ZSTD_reset_session_only);
  }
  unsigned long long declared = ZSTD_getFrameContentSize(in.data(), in.size());
  if (declared == ZSTD_CONTENTSIZE_ERROR) return corrupt("zstd", "bad frame header");
  if (declared != ZSTD_CONTENTSIZE_UNKNOWN) {
    if (declared >= max_capacity) return too_large();
    reserve(static_cast<std::size_t>(declared) + 1);
  }
  ZSTD_inBuffer input{in.data(), in.size(), 0};
  for (;;) {
    if (!reserve()) return too_large();
    ZSTD_outBuffer output{tail(), room(), 0};
    std::size_t rc = ZSTD_decompressStream(zstd, &output, &input);
    if (ZSTD_isError(rc)) return corrupt("zstd", ZSTD_getErrorName(rc));
    size += output.pos;
    if (rc == 0 && input.pos == input.size) return {};  // the last frame, fully flushed
    if (input.pos == input.size && output.pos < output.size)
      return corrupt("zstd", "truncated frame");
  }
}

BatchDecompressor::BatchDecompressor() : state_(std::make_unique<State>()) {}
BatchDecompressor::~BatchDecompressor() = default;

sdk::BatchValidation BatchDecompressor::decompress(sdk::Compression codec,
                                                   std::span<const uint8_t> compressed,
                                                   std::span<const uint8_t>& out,
                                                   std::size_t limit) {
  State& s = *state_;
  s.size = 0;
  s.max_capacity = std::min(limit, kAbsoluteLimit) + 1;
  out = {};
  if (compressed.empty()) return sdk::BatchValidation::corrupt("compressed records are empty");
  // A first guess at the size, so typical batches need no regrowth.
  s.reserve(std::min(compressed.size() * 4, s.max_capacity));
  sdk::BatchValidation result;
  switch (codec) {
    case sdk::Compression::kGzip: result = s.gzip_inflate(compressed); break;
    case sdk::Compression::kSnappy: result = s.snappy_inflate(compressed); break;
    case sdk::Compression::kLz4: result = s.lz4_inflate(compressed); break;
    case sdk::Compression::kZstd: result = s.zstd_inflate(compressed); break;
    default:
      return sdk::BatchValidation::corrupt("unknown compression id " +
                                           std::to_string(static_cast<int>(codec)));
  }
  if (result && s.size >= s.max_capacity) result = too_large();
  if (!result) {
    if (result.error == sdk::ErrorCode::kInvalidRecord) {
      result.message = "compressed records of " + std::to_string(compressed.size()) +
                       " bytes decompress to more than " + std::to_string(limit) +
                       " bytes (a decompression bomb?)";
    }
    return result;
  }
  out = std::span<const uint8_t>(s.buffer.get(), s.size);
  return result;
}

void BatchDecompressor::shrink() {
  if (state_->capacity <= kRetainedBytes) return;
  state_->buffer.reset();
  state_->capacity = 0;
  state_->size = 0;
}

BatchDecompressor& thread_decompressor() {
  thread_local BatchDecompressor decompressor;
  return decompressor;
}

}  // namespace skiff::storage
