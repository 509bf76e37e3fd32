// The broker-level configuration keys the storage-log plugin owns (Kafka's names
// plus Skiff's log.flush.on.append and log.direct.write.min.bytes), declared with types, defaults and docs so the
// kernel validates configuration files against them.
#pragma once

#include <string_view>

#include "skiff/sdk/config.h"

namespace skiff::storage::keys {

inline constexpr std::string_view kLogDirs = "log.dirs";
inline constexpr std::string_view kLogDir = "log.dir";
inline constexpr std::string_view kSegmentBytes = "log.segment.bytes";
inline constexpr std::string_view kRollMs = "log.roll.ms";
inline constexpr std::string_view kRollHours = "log.roll.hours";
inline constexpr std::string_view kRetentionMs = "log.retention.ms";
inline constexpr std::string_view kRetentionMinutes = "log.retention.minutes";
inline constexpr std::string_view kRetentionHours = "log.retention.hours";
inline constexpr std::string_view kRetentionBytes = "log.retention.bytes";
inline constexpr std::string_view kRetentionCheckIntervalMs = "log.retention.check.interval.ms";
inline constexpr std::string_view kFlushIntervalMessages = "log.flush.interval.messages";
inline constexpr std::string_view kFlushIntervalMs = "log.flush.interval.ms";
inline constexpr std::string_view kFlushSchedulerIntervalMs = "log.flush.scheduler.interval.ms";
inline constexpr std::string_view kIndexSizeMaxBytes = "log.index.size.max.bytes";
inline constexpr std::string_view kIndexIntervalBytes = "log.index.interval.bytes";
inline constexpr std::string_view kRecoveryThreadsPerDataDir = "num.recovery.threads.per.data.dir";
inline constexpr std::string_view kFlushOnAppend = "log.flush.on.append";
inline constexpr std::string_view kDirectWriteMinBytes = "log.direct.write.min.bytes";
inline constexpr std::string_view kProducerIdExpirationMs = "producer.id.expiration.ms";
inline constexpr std::string_view kProducerIdExpirationCheckIntervalMs =
    "producer.id.expiration.check.interval.ms";

// Broker defaults of topic keys, declared by the kernel; read here when present.
inline constexpr std::string_view kMessageTimestampType = "log.message.timestamp.type";
inline constexpr std::string_view kMessageMaxBytes = "message.max.bytes";
inline constexpr std::string_view kCleanupPolicy = "log.cleanup.policy";

void declare(sdk::ConfigSchema& schema);

}  // namespace skiff::storage::keys
