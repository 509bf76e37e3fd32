// LogConfig: the topic-level settings one partition log follows, read from the
// topic's ConfigView under Kafka's names (segment.bytes, retention.ms, ...). The
// kernel applies broker defaults before handing the view over; a key it leaves out
// (or a value that does not parse) falls back to the engine's broker-level default.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>

#include "skiff/sdk/config.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

struct LogConfig {
  static constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

  int64_t segment_bytes = 1024LL * 1024 * 1024;    // segment.bytes
  int64_t segment_ms = 7LL * 24 * 3600 * 1000;     // segment.ms
  int64_t segment_jitter_ms = 0;                   // segment.jitter.ms
  int64_t retention_ms = 7LL * 24 * 3600 * 1000;   // retention.ms; -1: forever
  int64_t retention_bytes = -1;                    // retention.bytes; -1: no limit
  int64_t flush_messages = kNever;                 // flush.messages
  int64_t flush_ms = kNever;                       // flush.ms
  int32_t segment_index_bytes = 10 * 1024 * 1024;  // segment.index.bytes
  int32_t index_interval_bytes = 4096;             // index.interval.bytes
  sdk::TimestampType timestamp_type = sdk::TimestampType::kCreateTime;  // message.timestamp.type
  int32_t max_message_bytes = 1048588;                                  // max.message.bytes
  // How far CreateTime timestamps may be behind / ahead of the broker's clock
  // (message.timestamp.before.max.ms, .after.max.ms and the older .difference.max.ms).
  int64_t timestamp_before_max_ms = kNever;
  int64_t timestamp_after_max_ms = kNever;
  int64_t timestamp_difference_max_ms = kNever;
  // cleanup.policy: "delete" enables time/size retention. "compact" is accepted but
  // the log is not compacted (no cleaner yet), and a compact-only topic keeps everything.
  bool delete_retention = true;
  bool compact = false;
  // preallocate: every appending partition gets its next segment made ahead (see
  // SpareSegment), not only those appending 40 MiB/s or more.
  bool preallocate = false;

  // `defaults` supplies every key the view lacks.
  static LogConfig from(const sdk::ConfigView& topic, const LogConfig& defaults);

  // Index capacity in entries, as segment.index.bytes implies (a full index rolls the segment).
  int64_t max_offset_index_entries() const { return segment_index_bytes / 8; }
  int64_t max_time_index_entries() const { return segment_index_bytes / 12; }
  // segment.ms less a segment's random jitter (drawn below segment.jitter.ms, and
  // below segment.ms, so partitions created together do not all roll together).
  int64_t roll_after_ms(uint64_t jitter_seed) const {
    int64_t bound = std::min(segment_jitter_ms, segment_ms);
    return segment_ms -
           (bound > 0 ? static_cast<int64_t>(jitter_seed % static_cast<uint64_t>(bound)) : 0);
  }
};

// The numeric value of `key`, or nullopt when it is absent, empty or not a number
// (the kernel validates values, but a bad one must not take a partition down).
std::optional<int64_t> config_long(const sdk::ConfigView& view, std::string_view key);

}  // namespace skiff::storage
