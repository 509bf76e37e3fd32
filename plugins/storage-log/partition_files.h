// The small bookkeeping files of a partition directory (names in log_layout.h):
// the log start offset checkpoint, partition.metadata and the clean-shutdown
// marker. Segment, index, snapshot and epoch files have their own owners.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>

#include "skiff/sdk/types.h"

namespace skiff::storage::partition_files {

// nullopt when never written; throws StorageError when damaged.
std::optional<int64_t> read_log_start_offset(const std::filesystem::path& dir);
void write_log_start_offset(const std::filesystem::path& dir, int64_t offset);

// Writes "version: 0 / topic_name / partition" unless the file exists.
void ensure_partition_metadata(const std::filesystem::path& dir, const sdk::TopicPartition& tp);

bool has_clean_shutdown_marker(const std::filesystem::path& dir);
// Written last on a clean close; removed once a load no longer needs it.
void write_clean_shutdown_marker(const std::filesystem::path& dir);
void remove_clean_shutdown_marker(const std::filesystem::path& dir);

}  // namespace skiff::storage::partition_files
