// Producer state snapshots: "<offset>.snapshot" files holding every producer entry
// as of that offset, written when a segment rolls and on clean close, so a restart
// rebuilds producer state from the newest snapshot plus a scan of the batch headers
// after it instead of the whole log.
//
// Binary, big-endian: version i16 (1) | crc32c u32 of the rest | count i32 |
//   count x [producer id i64 | epoch i16 | last timestamp i64 | txn first offset i64 |
//            batch count i8 | batch count x (first seq i32 | last seq i32 |
//                                          first offset i64 | last offset i64 | timestamp i64)]
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <vector>

#include "producer_state.h"

namespace skiff::storage {

void write_producer_snapshot(const std::filesystem::path& dir, int64_t offset,
                             const std::vector<ProducerEntry>& entries);
// Throws StorageError (kCorruptMessage) when the file is damaged.
std::vector<ProducerEntry> read_producer_snapshot(const std::filesystem::path& file);

// Snapshot files in `dir`, by offset.
std::map<int64_t, std::filesystem::path> list_producer_snapshots(const std::filesystem::path& dir);

}  // namespace skiff::storage
