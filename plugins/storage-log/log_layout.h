// The names of everything in a log directory, in one place:
//   <log.dir>/<topic>-<partition>/                      a partition
//     00000000000000000000.log|.index|.timeindex|.txnindex   a segment (20-digit base offset)
//     00000000000000001234.snapshot                     producer state at offset 1234
//     leader-epoch-checkpoint                           (epoch, start offset) pairs
//     log-start-offset-checkpoint                       DeleteRecords' log start offset
//     partition.metadata                                what this directory holds
//     .clean-shutdown                                   present only after a clean close
//     next-segment.tmp                                  the next segment, made ahead (spare_segment.h)
//   <log.dir>/<topic>-<partition>.<unique>-delete/      a partition being deleted
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "skiff/sdk/types.h"

namespace skiff::storage::layout {

inline constexpr std::string_view kLogSuffix = ".log";
inline constexpr std::string_view kIndexSuffix = ".index";
inline constexpr std::string_view kTimeIndexSuffix = ".timeindex";
inline constexpr std::string_view kTxnIndexSuffix = ".txnindex";
inline constexpr std::string_view kSnapshotSuffix = ".snapshot";
// Left behind by an interrupted atomic write; removed when a partition is loaded.
inline constexpr std::string_view kTempSuffix = ".tmp";
// Ends in kTempSuffix: a process that stops before using it leaves nothing behind.
inline constexpr std::string_view kSpareSegmentFile = "next-segment.tmp";
inline constexpr std::string_view kDeleteDirSuffix = "-delete";

inline constexpr std::string_view kLeaderEpochCheckpoint = "leader-epoch-checkpoint";
inline constexpr std::string_view kLogStartOffsetCheckpoint = "log-start-offset-checkpoint";
inline constexpr std::string_view kPartitionMetadata = "partition.metadata";
inline constexpr std::string_view kCleanShutdownMarker = ".clean-shutdown";

bool has_suffix(std::string_view name, std::string_view suffix);

// "00000000000000001234" + suffix.
std::string offset_file_name(int64_t offset, std::string_view suffix);
// The offset in a name made by offset_file_name() with this suffix, else nullopt.
std::optional<int64_t> parse_offset_file_name(std::string_view name, std::string_view suffix);

// "<topic>-<partition>".
std::string partition_dir_name(const sdk::TopicPartition& tp);
// Inverse of partition_dir_name(); nullopt for anything else (including "-delete" dirs).
std::optional<sdk::TopicPartition> parse_partition_dir_name(std::string_view name);
// Topic names become directory names: only Kafka's legal characters are accepted.
bool is_safe_topic_name(std::string_view topic);

}  // namespace skiff::storage::layout
