// libFuzzer target for the RecordBatch v2 validator (sdk/record_batch.h), which
// guards every Produce before anything is written. Bit 0 of the first input byte
// chooses whether the CRC is patched to match, so the fuzzer also reaches the record
// framing checks behind the CRC; bit 1 also walks the input as a bare records section
// (what a compressed batch becomes once decompressed), with a recordsCount taken from
// the byte's other bits.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "skiff/sdk/record_batch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const bool fix_crc = (data[0] & 1) != 0;
  std::vector<uint8_t> input(data + 1, data + size);
  if (fix_crc && input.size() >= skiff::sdk::batch::kHeaderSize) {
    skiff::sdk::store_be<uint32_t>(input.data() + skiff::sdk::batch::kCrc,
                                   skiff::sdk::compute_batch_crc(input));
  }
  if (data[0] & 2) {
    skiff::sdk::RecordBatchHeader h;
    h.records_count = data[0] >> 2;
    h.last_offset_delta = h.records_count - 1;
    skiff::sdk::validate_records(h, input);
  }
  std::vector<std::span<const uint8_t>> batches;
  auto status = skiff::sdk::validate_batches(input, batches);
  if (status.ok) {
    // Everything validated must be walkable without surprises.
    for (auto batch : batches) {
      skiff::sdk::for_each_record(batch, [](const skiff::sdk::RecordView&) { return true; });
    }
  }
  return 0;
}
