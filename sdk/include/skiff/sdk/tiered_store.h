// The tiered store extension point: Kafka's RemoteStorageManager (KIP-405). It copies
// a closed log segment with its indexes to remote storage (an object store, HDFS,
// ...), reads a segment's bytes or one of its indexes back, and deletes a segment's
// data. Which segments exist remotely is the remote log metadata's business, not
// the store's: every call names the segment by its full metadata.
//
// Every method is synchronous, thread-safe and may block on the network: the kernel
// calls them from its own threads, never from network threads. Failures come back
// as an sdk::Status (never as exceptions): kResourceNotFound for a segment or index the
// store does not have, kKafkaStorageError for anything the remote side failed at.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "skiff/sdk/error_code.h"
#include "skiff/sdk/types.h"

namespace skiff::sdk {

// One copy of one segment: a fresh `id` per copy attempt, so a retried copy never
// mixes with the leftovers of a failed one (Kafka's RemoteLogSegmentId).
struct RemoteSegmentId {
  TopicPartition partition;
  Uuid topic_id;
  Uuid id;
  auto operator<=>(const RemoteSegmentId&) const = default;
};

// Kafka's RemoteLogSegmentMetadata, without the lifecycle state the metadata
// manager keeps.
struct RemoteSegmentMetadata {
  RemoteSegmentId segment;
  int64_t start_offset = 0;  // the segment's base offset
  int64_t end_offset = 0;    // its last offset, inclusive
  int64_t max_timestamp_ms = -1;
  int32_t broker_id = -1;  // the leader that copied it
  int64_t event_timestamp_ms = -1;
  // Leader epoch -> first offset of that epoch within the segment.
  std::map<int32_t, int64_t> segment_leader_epochs;
  int64_t size_bytes = 0;  // of the log segment file
  // What copy_segment returned, handed back on every later call.
  std::optional<std::vector<uint8_t>> custom_metadata;
};

// A closed segment on local disk, as paths the store reads (Kafka's LogSegmentData).
struct LocalSegmentFiles {
  std::string log_segment;                       // <base offset>.log
  std::string offset_index;                      // .index
  std::string time_index;                        // .timeindex
  std::optional<std::string> transaction_index;  // .txnindex, when there were aborts
  std::string producer_snapshot;                 // .snapshot
  // The leader-epoch checkpoint up to the segment's end, in the checkpoint's text
  // format: it is computed for the copy, so it comes as bytes rather than a file.
  std::vector<uint8_t> leader_epoch_checkpoint;
};

enum class RemoteIndexType : int8_t {
  kOffset,
  kTimestamp,
  kProducerSnapshot,
  kTransaction,
  kLeaderEpoch,
};

// copy_segment's result: on success, optional bytes the store wants kept with the
// segment's metadata (e.g. where it put the objects); Kafka caps their size with
// remote.log.metadata.custom.metadata.max.bytes.
struct CopySegmentResult {
  Status status;
  std::optional<std::vector<uint8_t>> custom_metadata;
};

// Remote bytes, read in order. Not thread-safe; one reader at a time.
class RemoteInputStream {
 public:
  virtual ~RemoteInputStream() = default;
  // Fills the front of `buffer`; `bytes` is 0 (with an ok status) at the end.
  struct Chunk {
    Status status;
    size_t bytes = 0;
  };
  virtual Chunk read(std::span<uint8_t> buffer) = 0;
};

// A fetch's result: a stream when the status is ok, null otherwise.
struct RemoteFetchResult {
  Status status;
  std::unique_ptr<RemoteInputStream> stream;
};

class TieredStore {
 public:
  static constexpr std::string_view kExtensionPoint = "tiered_store";
  virtual ~TieredStore() = default;

  // Copies the segment and its indexes. Either everything is stored or the status
  // says it failed, in which case the caller deletes the partial copy.
  virtual CopySegmentResult copy_segment(const RemoteSegmentMetadata& metadata,
                                         const LocalSegmentFiles& files) = 0;
  // The log segment's bytes from `start_position` to `end_position` inclusive, or to
  // the segment's end when nullopt. A start past the end is kPositionOutOfRange.
  virtual RemoteFetchResult fetch_segment(const RemoteSegmentMetadata& metadata,
                                          int64_t start_position,
                                          std::optional<int64_t> end_position) = 0;
  // One index of the segment; kResourceNotFound for a transaction index that was
  // not copied (the segment had none).
  virtual RemoteFetchResult fetch_index(const RemoteSegmentMetadata& metadata,
                                        RemoteIndexType index) = 0;
  // Deletes the segment's data and indexes; kResourceNotFound if the store has none
  // of it (a retried delete may treat that as done).
  virtual Status delete_segment(const RemoteSegmentMetadata& metadata) = 0;
};

}  // namespace skiff::sdk
