// libFuzzer target for the storage engine's decompression of compressed batches
// (plugins/storage-log/batch_decompressor.h) and the record walk that follows it.
// The first input byte picks the codec (bits 0-1: gzip, snappy, lz4, zstd) and the
// recordsCount to expect (bits 2-7); the rest is the compressed records section.
// Output is capped at 1 MiB so that bombs are refused quickly.
#include <cstddef>
#include <cstdint>
#include <span>

#include "batch_decompressor.h"
#include "skiff/sdk/record_batch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  auto codec = static_cast<skiff::sdk::Compression>(1 + (data[0] & 3));
  std::span<const uint8_t> out;
  auto status = skiff::storage::thread_decompressor().decompress(
      codec, std::span<const uint8_t>(data + 1, size - 1), out, 1u << 20);
  if (status) {
    skiff::sdk::RecordBatchHeader h;
    h.records_count = data[0] >> 2;
    h.last_offset_delta = h.records_count - 1;
    skiff::sdk::validate_records(h, out);
  }
  skiff::storage::thread_decompressor().shrink();
  return 0;
}
