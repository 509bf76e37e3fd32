// LeaderEpochCache: the (leader epoch, start offset) pairs of a partition: where
// each epoch's data begins, persisted in "leader-epoch-checkpoint" (Kafka's text
// checkpoint format). OffsetForLeaderEpoch answers from it, and truncation and
// log-start changes keep it consistent with the log. Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <vector>

namespace skiff::storage {

struct EpochEntry {
  int32_t epoch = 0;
  int64_t start_offset = 0;
  bool operator==(const EpochEntry&) const = default;
};

class LeaderEpochCache {
 public:
  explicit LeaderEpochCache(std::filesystem::path file) : file_(std::move(file)) {}

  // Reads the checkpoint; false (and empty) when there is none. Throws StorageError
  // when it is damaged.
  bool load();
  // Writes the checkpoint as it is (after a rebuild that may have found nothing).
  void save();

  // Data of `epoch` starts at `start_offset`. Ignored unless the epoch is newer
  // than the latest; entries at or after `start_offset` (which a new leader's
  // history replaces) are dropped first.
  void assign(int32_t epoch, int64_t start_offset);

  std::optional<EpochEntry> latest() const;
  std::vector<EpochEntry> entries() const;

  // OffsetForLeaderEpoch: (largest epoch <= requested, the offset where the next
  // epoch starts, or log_end_offset for the latest epoch). (-1, -1) when the
  // requested epoch is newer than every known one or the cache is empty.
  EpochEntry end_offset_for(int32_t requested, int64_t log_end_offset) const;

  // The log was truncated to end at `end_offset`: drop epochs starting at or after it.
  void truncate_from_end(int64_t end_offset);
  // The log now starts at `start_offset`: drop epochs wholly below it and move the
  // start of the one covering it.
  void truncate_from_start(int64_t start_offset);

 private:
  void persist_locked();

  std::filesystem::path file_;
  mutable std::mutex mu_;
  std::vector<EpochEntry> entries_;  // increasing epochs and start offsets
};

}  // namespace skiff::storage
