// Segment: one piece of a partition's log: the .log file holding whole record
// batches from `base_offset` on, plus its offset, time and aborted-transaction
// indexes. Segments found on disk start closed and are opened on first use (a read,
// a retention check), so a log with thousands of segments opens quickly.
//
// Concurrency: one writer (the partition, under its lock) appends, truncates and
// seals; any number of readers call read()/locate() at the same time. Readers only
// look at bytes below the published size(), which moves after the data is written.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "batch_scanner.h"
#include "direct_appender.h"
#include "file.h"
#include "offset_index.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/storage.h"
#include "skiff/sdk/types.h"
#include "spare_segment.h"
#include "time_index.h"
#include "txn_index.h"

namespace skiff::storage {

// What the segment needs to know about each appended batch.
struct BatchMeta {
  int64_t base_offset = 0;
  int64_t last_offset = 0;
  int64_t max_timestamp = -1;
  uint64_t size = 0;
};

class Segment {
 public:
  // A segment on disk, opened on first use. `size` is its .log size from the listing.
  // `logger` (may be null) hears about indexes rebuilt and damage found on open.
  // `has_txn_index`: the listing found a .txnindex file (else aborted_txns() need
  // not open the segment).
  Segment(std::filesystem::path dir, int64_t base_offset, uint64_t size,
          uint32_t index_interval_bytes, sdk::Logger* logger, bool has_txn_index = false);
  // A new, empty segment; creates its .log file, or renames `spare` (an empty file
  // with blocks allocated ahead, see SpareSegment) to its name.
  static std::shared_ptr<Segment> create(const std::filesystem::path& dir, int64_t base_offset,
                                         uint32_t index_interval_bytes, sdk::Logger* logger,
                                         std::optional<SpareSegment::Prepared> spare = std::nullopt);

  int64_t base_offset() const { return base_offset_; }
  const std::filesystem::path& log_path() const { return log_path_; }
  // Bytes of complete batches; readers never look past this.
  uint64_t size() const;

  // Opens the files. The indexes are trusted after a sanity check (and rebuilt from
  // the log if they fail it); the batches after the last index entry are scanned to
  // find next_offset(). A torn or damaged batch there makes open() return its
  // description and hides it from readers (the last segment's caller then runs
  // recover(), which cuts it off). Idempotent and thread-safe; throws StorageError.
  std::optional<std::string> open();
  bool is_open() const;

  // Crash recovery: checks every batch (length, magic, CRC, increasing offsets),
  // truncates the file before the first bad one and rebuilds the indexes.
  // `on_batch` sees every good batch. Returns a description of what was cut, if anything.
  std::optional<std::string> recover(const std::function<void(const ScannedBatch&)>& on_batch);

  // Writes batches (already holding their final offsets) at the end and indexes them.
  // `direct`: with O_DIRECT (see DirectAppender). Returns false when the file
  // system refused it (the bytes were then written buffered).
  bool append(std::span<const uint8_t> bytes, std::span<const BatchMeta> batches,
              bool direct = false);
  void set_index_interval(uint32_t bytes);

  // Offset after the last batch (the base offset when empty). Opens the segment.
  int64_t next_offset();
  // Largest batch max timestamp and the base offset of the first batch holding it;
  // -1 when no batch carries a timestamp. Opens the segment.
  std::pair<int64_t, int64_t> max_timestamp();
  // Max timestamp of the first batch (what time-based rolling measures from), or -1.
  int64_t first_batch_timestamp() const;
  std::size_t offset_index_entries() const;
  std::size_t time_index_entries() const;

  // The batch holding `offset`, or the first one after it.
  std::optional<ScannedBatch> locate(int64_t offset);
  // Calls `visit` for every batch from the one holding `from_offset` on (headers
  // only; `visit` may fetch the whole batch from the scanner); false stops.
  void for_each_batch(int64_t from_offset,
                      const std::function<bool(const ScannedBatch&, BatchScanner&)>& visit);

  struct Read {
    std::optional<sdk::FileSlice> slice;
    int64_t next_offset = 0;      // first offset after the returned batches
    bool end_of_segment = false;  // nothing further in this segment to return
  };
  // Whole batches from the one holding `offset`, all below `upper_offset`, at most
  // `max_bytes` (unless `min_one_batch` and the first batch alone is bigger).
  Read read(int64_t offset, uint64_t max_bytes, int64_t upper_offset, bool min_one_batch);
  // Reads the batch at `position` whole (for the rare paths that look at records).
  std::vector<uint8_t> read_batch(const ScannedBatch& batch);

  // Drops every batch at or after the one holding `offset`; returns the new next offset.
  int64_t truncate_to(int64_t offset);

  // The first record at or after `min_offset` whose timestamp is >= `timestamp`
  // (record-exact in uncompressed CreateTime batches; the batch's first offset
  // otherwise), or nullopt if the segment has none.
  std::optional<sdk::OffsetAndTimestamp> find_by_timestamp(int64_t timestamp, int64_t min_offset);

  void add_aborted_txn(const AbortedTxnEntry& entry);
  // Aborted transactions overlapping [from, upper) recorded in this segment.
  std::vector<AbortedTxnEntry> aborted_txns(int64_t from, int64_t upper);

  // Ends direct writes, cutting their zero padding off the file (before a clean
  // close's flush, so the file's durable size is the log's).
  void end_direct_writes();
  struct Growth {
    bool fast = false;             // grew by kFastGrowthBytes or more since the last tend()
    bool allocated_ahead = false;  // made from a spare: blocks are allocated past its size
    uint64_t size = 0;
    uint64_t grown = 0;  // bytes appended since the last tend()
  };
  // Background disk work for the segment being appended to; call it periodically,
  // off the appending threads. Hands the whole pages appended since the last call
  // to the kernel's writeback without waiting for it (no durability promise), and
  // reports how fast the segment grows (the caller prepares the next one ahead).
  Growth tend();
  // Frees the blocks allocated past the end of the data (a spare's), if any, once
  // the segment is sealed (close() does it too). It may wait for the disk
  // (discards), and does so holding no lock readers need.
  void free_preallocated();
  // The .log data only (a durable append); flush() also syncs the indexes.
  void sync_log();
  void flush();
  // No more appends: records the final time-index entry, flushes everything and
  // drops the index descriptors.
  void seal();
  // Removes the files. Readers holding slices keep their descriptor; later opens fail.
  void remove_files();
  // Drops descriptors (clean close); the segment may be opened again.
  void close();

 private:
  struct Stats {
    uint64_t size = 0;
    int64_t next_offset = -1;
    int64_t max_timestamp = -1;
    int64_t offset_of_max_timestamp = -1;
    int64_t first_batch_timestamp = -1;
    uint64_t bytes_since_index_entry = 0;
  };

  // The open .log file and the readable size, opening the segment if needed.
  std::pair<std::shared_ptr<File>, uint64_t> readable();
  std::optional<std::string> open_locked();
  void check_usable_locked() const;
  // Accounts for one batch at `position` in `stats`; adds index entries when asked.
  void track_batch(Stats& stats, const BatchMeta& meta, uint64_t position, bool index);
  enum class Written { kBuffered, kDirect, kDirectRefused };
  // Writes `bytes` at `start` of `file`, directly when asked and possible (the
  // writer's call, without mu_).
  Written write_out(File& file, uint64_t start, std::span<const uint8_t> bytes, bool direct);
  // Drops the direct appender and cuts the zero padding direct writes left past the
  // log's end off the file.
  void end_direct_writes_locked();
  // Whether blocks are allocated past the end of the data; forgets them, for the
  // caller to free with cut_to_size().
  bool take_preallocated_excess_locked();
  // Truncates `file` to `size` (freeing blocks past it); failures are logged.
  void cut_to_size(File& file, uint64_t size);
  // Rebuilds stats and indexes from every batch header of the first `size` bytes.
  std::optional<std::string> rebuild_locked(uint64_t size);
  // Stats from the indexes plus a scan of the batches after the last index entry.
  std::optional<std::string> scan_tail_locked(uint64_t size);
  static BatchMeta meta_of(const ScannedBatch& batch);

  std::filesystem::path dir_;
  int64_t base_offset_;
  std::filesystem::path log_path_;
  std::atomic<uint32_t> index_interval_;
  sdk::Logger* logger_;
  std::atomic<bool> may_have_aborts_;

  // Orders free_preallocated()'s truncation (made outside mu_) before a
  // truncate_to(), after which the segment may take appends again.
  std::mutex resize_mu_;
  mutable std::mutex mu_;  // state below; held for I/O only while opening
  bool open_ = false;
  bool removed_ = false;
  std::shared_ptr<File> log_;
  Stats stats_;
  uint64_t writeback_from_ = 0;  // start of the bytes not yet handed to writeback
  uint64_t size_at_last_tend_ = 0;
  uint64_t preallocated_end_ = 0;  // blocks are allocated up to here (may pass the size)
  bool sealed_ = false;  // seal() ran and no truncate_to() since: no more appends
  // The writer's: set by append(), dropped by truncation, seal and close.
  std::unique_ptr<DirectAppender> direct_;
  bool padded_ = false;  // direct writes may have left zeros past the log's end
  OffsetIndex offset_index_;
  TimeIndex time_index_;
  TxnIndex txn_index_;
};

// Index of the segment that can hold `offset` in a list ordered by base offset:
// the last one starting at or before it (the first one when it is below all).
std::size_t find_segment(const std::vector<std::shared_ptr<Segment>>& segments, int64_t offset);

}  // namespace skiff::storage
