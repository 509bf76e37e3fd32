// PreparedAppend: a Produce request's batches made ready to store, before the
// partition lock is taken: every batch validated (any failure rejects the whole
// request, nothing is written; compressed batches are decompressed, bounded, and
// their records checked like an uncompressed batch's), checked against
// max.message.bytes and, on CreateTime topics, the message.timestamp.*.max.ms
// bounds (every record), given the largest record timestamp as maxTimestamp, copied,
// stamped with the leader epoch and, on LogAppendTime topics, with the broker's
// clock (which changes the CRC, so it is recomputed). Offsets are assigned later,
// under the lock, by assign_offsets(): baseOffset lies outside the CRC.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "log_config.h"
#include "skiff/sdk/error_code.h"
#include "skiff/sdk/record_batch.h"
#include "skiff/sdk/storage.h"

namespace skiff::storage {

struct PreparedBatch {
  std::size_t position = 0;  // within PreparedAppend::bytes
  sdk::RecordBatchHeader header;
  std::optional<sdk::ControlRecordType> marker;  // control batches only
};

struct PreparedAppend {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::string message;
  std::vector<sdk::RecordError> record_errors;

  std::vector<uint8_t> bytes;
  std::vector<PreparedBatch> batches;
  int64_t offset_count = 0;  // offsets the batches take (sum of lastOffsetDelta + 1)
  int64_t log_append_time = -1;

  bool ok() const { return error == sdk::ErrorCode::kNone; }
  std::vector<sdk::RecordBatchHeader> headers() const;
};

PreparedAppend prepare_append(std::span<const uint8_t> request_batches, const LogConfig& config,
                              int32_t leader_epoch, int64_t now_ms);

// Gives the batches consecutive offsets from `base_offset` (bytes and headers).
void assign_offsets(PreparedAppend& append, int64_t base_offset);

}  // namespace skiff::storage
