// The storage engine extension point: durable, append-only, per-partition logs of
// Kafka RecordBatch v2 data. The engine validates batches, assigns offsets, tracks
// idempotent-producer state, and serves reads as zero-copy file slices.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/config.h"
#include "skiff/sdk/error_code.h"
#include "skiff/sdk/types.h"

namespace skiff::sdk {

struct AppendRequest {
  std::span<const uint8_t> batches;  // one or more RecordBatch v2, exactly as received
  int32_t leader_epoch = 0;          // stamped into every batch's PartitionLeaderEpoch
  // The caller calls sync_to() when the result's needs_sync asks: append() itself
  // does not fsync, so the fsync can happen outside the partition's lock and cover
  // other appends too (group commit). Without it append() fsyncs inline when the
  // engine's flush policy wants.
  bool defer_sync = false;
};

struct RecordError {
  int32_t batch_index = 0;  // index of the record within the request, as Kafka reports it
  std::string message;
};

struct AppendResult {
  ErrorCode error = ErrorCode::kNone;
  std::string error_message;
  int64_t base_offset = -1;
  int64_t last_offset = -1;
  int64_t log_append_time_ms = -1;  // -1 unless the topic uses LogAppendTime
  int64_t log_start_offset = 0;
  std::vector<RecordError> record_errors;
  // With defer_sync: the engine's flush policy wants these records durable before
  // they are acknowledged; the caller calls sync_to(last_offset + 1) first.
  bool needs_sync = false;
};

struct ReadRequest {
  int64_t offset = 0;
  int32_t max_bytes = 1 << 20;
  // When true, a batch larger than max_bytes is still returned whole (Kafka returns
  // at least one batch for the first partition of a fetch so consumers progress).
  bool min_one_batch = true;
  // Upper bound (exclusive) of offsets a consumer may see: the high watermark, or
  // the last stable offset for read_committed.
  int64_t max_offset = -1;
};

struct AbortedTransaction {
  int64_t producer_id = 0;
  int64_t first_offset = 0;
};

struct ReadResult {
  ErrorCode error = ErrorCode::kNone;  // kOffsetOutOfRange when offset is outside the log
  std::vector<FileSlice> slices;       // whole batches, in offset order
  uint64_t total_bytes = 0;
  std::vector<AbortedTransaction> aborted;
};

struct OffsetAndTimestamp {
  int64_t offset = -1;
  int64_t timestamp = -1;
  int32_t leader_epoch = -1;
};

// One partition's log. Every method is thread-safe. append() and read() are called
// from the broker's network threads (Produce and Fetch run there): they may write to
// and read from the page cache but should not wait for the disk; leave fsyncs to
// sync_to(), which the broker calls on its I/O threads when AppendResult::needs_sync
// says so.
class PartitionLog {
 public:
  virtual ~PartitionLog() = default;

  virtual AppendResult append(const AppendRequest& request) = 0;
  virtual ReadResult read(const ReadRequest& request) = 0;

  virtual int64_t log_start_offset() const = 0;
  virtual int64_t log_end_offset() const = 0;
  virtual int64_t high_watermark() const = 0;
  // Replication moves the high watermark; a single node sets it to the log end.
  virtual void set_high_watermark(int64_t offset) = 0;
  virtual int64_t last_stable_offset() const = 0;

  // First offset whose timestamp is >= timestamp (ListOffsets by time): exact for
  // uncompressed batches, the batch's first offset for compressed ones.
  virtual std::optional<OffsetAndTimestamp> offset_for_timestamp(int64_t timestamp) = 0;
  // Offset of the record with the largest timestamp (ListOffsets MAX_TIMESTAMP).
  virtual std::optional<OffsetAndTimestamp> max_timestamp() = 0;
  // Largest (epoch, end offset) with epoch <= requested (OffsetForLeaderEpoch).
  virtual OffsetAndTimestamp end_offset_for_epoch(int32_t leader_epoch) = 0;

  // DeleteRecords: advance the log start offset; whole segments below it go.
  virtual ErrorCode delete_records_before(int64_t offset) = 0;
  // Replication: drop everything at or above offset.
  virtual void truncate_to(int64_t offset) = 0;

  virtual void flush() = 0;
  // Makes every offset below `end_offset` durable. Concurrent callers share one
  // fsync (group commit); appends are not held up meanwhile. kNone on success.
  virtual ErrorCode sync_to(int64_t end_offset) {
    (void)end_offset;
    flush();
    return ErrorCode::kNone;
  }
  virtual uint64_t size_bytes() const = 0;
  virtual uint64_t segment_count() const = 0;
  // The topic's effective config changed (AlterConfigs).
  virtual void update_config(const ConfigView& topic_config) = 0;
};

struct LogDirPartition {
  TopicPartition partition;
  uint64_t size_bytes = 0;
  int64_t offset_lag = 0;
};

struct LogDir {
  std::string path;
  ErrorCode error = ErrorCode::kNone;
  uint64_t total_bytes = 0;
  uint64_t usable_bytes = 0;
  std::vector<LogDirPartition> partitions;
};

class StorageEngine {
 public:
  static constexpr std::string_view kExtensionPoint = "storage-engine";
  virtual ~StorageEngine() = default;

  // Opens (recovering after a crash if needed) or creates a partition's log. Throws
  // std::runtime_error naming the path when the log cannot be opened.
  // `topic_config` holds topic-level keys ("retention.ms", "segment.bytes", ...)
  // with broker defaults already applied.
  virtual std::shared_ptr<PartitionLog> open(const TopicPartition& partition,
                                             const ConfigView& topic_config) = 0;
  // Deletes a partition's data (topic deletion).
  virtual void remove(const TopicPartition& partition) = 0;
  // Partitions found on disk, for reconciling with the controller at startup.
  virtual std::vector<TopicPartition> stored_partitions() = 0;
  virtual std::vector<LogDir> describe_log_dirs() = 0;
};

}  // namespace skiff::sdk
