// BatchDecompressor: inflates the records section of a compressed RecordBatch v2 with
// Kafka's four codecs (gzip, xerial-framed or raw snappy, LZ4 frames, zstd), so an
// append can check the records inside, as Kafka's LogValidator does. The codec
// libraries are a dependency of this plugin only; the SDK and the kernel never see them.
//
// Output is bounded (decompressed_size_limit()) so that a small hostile payload cannot
// make the broker allocate without limit. One decompressor per thread
// (thread_decompressor()) keeps its codec contexts and its output buffer between
// batches, so a steady stream of produce requests does not allocate per batch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

// The most a compressed records section of `compressed_size` bytes may inflate to:
// max(64 MiB, 256 x compressed size). Kafka itself streams records and sets no such
// bound, so the bound must never refuse what a real producer sends: real record data
// compresses well under 100:1 (gzip cannot exceed ~1032:1, lz4 ~255:1; only zstd and
// runs of zeros go beyond), and a producer's batch is at most batch.size (16 KiB by
// default) before compression. 64 MiB covers any such batch; the ratio term lets
// large batches (max.message.bytes raised) through. A bomb (1 GiB of zeros is a few
// KiB of zstd) is refused after at most this many bytes, instead of after 1 GiB.
std::size_t decompressed_size_limit(std::size_t compressed_size);

class BatchDecompressor {
 public:
  BatchDecompressor();
  ~BatchDecompressor();
  BatchDecompressor(const BatchDecompressor&) = delete;
  BatchDecompressor& operator=(const BatchDecompressor&) = delete;

  // Decompresses `compressed` (a batch's records section, codec `codec`) into this
  // object's buffer; `out` views the result until the next call or shrink().
  // kCorruptMessage: the payload does not decompress (bad data, truncated, trailing
  // garbage, a codec that is not one of Kafka's four). kInvalidRecord: the output would
  // exceed `limit` bytes (not retriable for clients, unlike CORRUPT_MESSAGE, so a
  // producer does not resend the bomb).
  sdk::BatchValidation decompress(sdk::Compression codec, std::span<const uint8_t> compressed,
                                  std::span<const uint8_t>& out, std::size_t limit);
  sdk::BatchValidation decompress(sdk::Compression codec, std::span<const uint8_t> compressed,
                                  std::span<const uint8_t>& out) {
    return decompress(codec, compressed, out, decompressed_size_limit(compressed.size()));
  }

  // Gives back a buffer that one large batch grew past kRetainedBytes, so a thread
  // does not hold on to it for good.
  void shrink();

  static constexpr std::size_t kRetainedBytes = 8u << 20;

 private:
  struct State;  // codec contexts and the output buffer, kept out of this header
  std::unique_ptr<State> state_;
};

// The calling thread's decompressor.
BatchDecompressor& thread_decompressor();

}  // namespace skiff::storage
