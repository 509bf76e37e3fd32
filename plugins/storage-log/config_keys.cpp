#include "config_keys.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include "skiff/sdk/config_key_builder.h"

namespace skiff::storage::keys {

namespace {

const std::string kLongMaxText = std::to_string(std::numeric_limits<int64_t>::max());

// Storage keys are Kafka's log.* keys: most have a lower bound, many are dynamic.
sdk::ConfigKey key(std::string_view name, sdk::ConfigType type,
                   std::optional<std::string> default_value, std::optional<double> min,
                   bool dynamic, std::string doc) {
  sdk::ConfigKeyBuilder k(std::string(name), type, std::move(default_value), std::move(doc));
  if (min) k.at_least(*min);
  if (dynamic) k.dynamic();
  return k;
}

}  // namespace

void declare(sdk::ConfigSchema& schema) {
  using T = sdk::ConfigType;
  schema.define(key(kLogDirs, T::kList, std::nullopt, std::nullopt, false,
                    "Comma-separated directories holding partition logs. New partitions go to "
                    "the directory with the fewest partitions. Overrides log.dir."));
  schema.define(key(kLogDir, T::kString, "/tmp/skiff-logs", std::nullopt, false,
                    "The directory holding partition logs when log.dirs is not set."));
  schema.define(key(kSegmentBytes, T::kInt, "1073741824", 14, true,
                    "Largest size of a segment file; a full segment is rolled (segment.bytes)."));
  schema.define(key(kRollMs, T::kLong, std::nullopt, 1, true,
                    "Time after which a new segment is rolled even if not full (segment.ms). "
                    "Overrides log.roll.hours."));
  schema.define(key(kRollHours, T::kInt, "168", 1, true,
                    "log.roll.ms in hours, used when log.roll.ms is not set."));
  schema.define(key(kRetentionMs, T::kLong, std::nullopt, -1, true,
                    "How long to keep a segment after its newest record (retention.ms); -1 "
                    "keeps data forever. Overrides log.retention.minutes and .hours."));
  schema.define(key(kRetentionMinutes, T::kInt, std::nullopt, -1, true,
                    "log.retention.ms in minutes, used when log.retention.ms is not set."));
  schema.define(key(kRetentionHours, T::kInt, "168", -1, true,
                    "log.retention.ms in hours, used when neither log.retention.ms nor "
                    "log.retention.minutes is set."));
  schema.define(key(kRetentionBytes, T::kLong, "-1", -1, true,
                    "Largest size of a partition's log before old segments are deleted "
                    "(retention.bytes); -1 for no limit."));
  schema.define(key(kRetentionCheckIntervalMs, T::kLong, "300000", 1, false,
                    "How often segments are checked against the retention limits."));
  schema.define(key(kProducerIdExpirationMs, T::kLong, "86400000", 1, true,
                    "How long a partition remembers an idempotent producer that stopped "
                    "producing (its sequence numbers for deduplication); an open "
                    "transaction keeps it."));
  schema.define(key(kProducerIdExpirationCheckIntervalMs, T::kLong, "600000", 1, false,
                    "How often idle producers are looked for."));
  schema.define(key(kFlushIntervalMessages, T::kLong, kLongMaxText, 1, true,
                    "Messages appended to a partition before it is fsynced (flush.messages)."));
  schema.define(key(kFlushIntervalMs, T::kLong, std::nullopt, 0, true,
                    "Longest time appended data stays unsynced (flush.ms). Defaults to "
                    "log.flush.scheduler.interval.ms."));
  schema.define(key(kFlushSchedulerIntervalMs, T::kLong, kLongMaxText, 0, false,
                    "How often partitions are checked for a due flush.ms fsync; the default "
                    "never checks, leaving durability to replication-style acks, the OS and "
                    "log.flush.on.append."));
  schema.define(key(kIndexSizeMaxBytes, T::kInt, "10485760", 12, true,
                    "Largest size of a segment's offset or time index; a full index rolls "
                    "the segment (segment.index.bytes)."));
  schema.define(key(kIndexIntervalBytes, T::kInt, "4096", 0, true,
                    "Bytes of batches between two offset-index entries (index.interval.bytes)."));
  schema.define(key(kRecoveryThreadsPerDataDir, T::kInt, "1", 1, false,
                    "How many partitions of one log directory may run crash recovery at the "
                    "same time when partitions are opened in parallel."));
  schema.define(key(kFlushOnAppend, T::kBoolean, "false", std::nullopt, true,
                    "Skiff: fsync every append before acknowledging it. Survives power loss "
                    "on a single node at the cost of one fsync per produce request per "
                    "partition. Off by default, like Kafka, which relies on replication."));
  schema.define(key(kDirectWriteMinBytes, T::kInt, "-1", -1, false,
                    "Skiff: appends of at least this many bytes (one produce request's batches "
                    "for one partition) are written with O_DIRECT instead of through the page "
                    "cache; -1 never. Saves the copy into the page cache, the largest CPU cost "
                    "per produced byte, but the written data is not cached: consumers read it "
                    "back from disk, and each such append waits for the device. Suits "
                    "ingest-heavy brokers with large batches; acknowledged data is as safe as "
                    "with buffered writes. File systems without O_DIRECT get buffered writes."));
}

}  // namespace skiff::storage::keys
