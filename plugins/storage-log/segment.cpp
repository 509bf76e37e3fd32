#include "segment.h"

#include <algorithm>
#include <limits>

#include "log_layout.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {
std::filesystem::path file_in(const std::filesystem::path& dir, int64_t base,
                              std::string_view suffix) {
  return dir / layout::offset_file_name(base, suffix);
}
}  // namespace

Segment::Segment(std::filesystem::path dir, int64_t base_offset, uint64_t size,
                 uint32_t index_interval_bytes, sdk::Logger* logger, bool has_txn_index)
    : dir_(std::move(dir)),
      base_offset_(base_offset),
      log_path_(file_in(dir_, base_offset, layout::kLogSuffix)),
      index_interval_(index_interval_bytes),
      logger_(logger),
      may_have_aborts_(has_txn_index),
      offset_index_(file_in(dir_, base_offset, layout::kIndexSuffix), base_offset),
      time_index_(file_in(dir_, base_offset, layout::kTimeIndexSuffix), base_offset),
      txn_index_(file_in(dir_, base_offset, layout::kTxnIndexSuffix)) {
  stats_.size = size;
}

std::shared_ptr<Segment> Segment::create(const std::filesystem::path& dir, int64_t base_offset,
                                         uint32_t index_interval_bytes, sdk::Logger* logger,
                                         std::optional<SpareSegment::Prepared> spare) {
  auto segment = std::make_shared<Segment>(dir, base_offset, 0, index_interval_bytes, logger);
  std::lock_guard lock(segment->mu_);
  if (spare) {
    spare->file->rename_to(segment->log_path_);  // replaces a leftover of this name
    segment->log_ = std::move(spare->file);
    segment->preallocated_end_ = spare->allocated;
  } else {
    segment->log_ = File::open(segment->log_path_, File::Mode::kCreate);
    segment->log_->truncate(0);  // a leftover file of this name holds nothing we want
  }
  segment->offset_index_.reset();
  segment->time_index_.reset();
  segment->txn_index_.remove_file();
  segment->stats_ = Stats{};
  segment->stats_.next_offset = base_offset;
  segment->open_ = true;
  return segment;
}

uint64_t Segment::size() const {
  std::lock_guard lock(mu_);
  return stats_.size;
}

bool Segment::is_open() const {
  std::lock_guard lock(mu_);
  return open_;
}

void Segment::set_index_interval(uint32_t bytes) { index_interval_ = bytes; }

void Segment::check_usable_locked() const {
  if (removed_) {
    throw StorageError(sdk::ErrorCode::kOffsetOutOfRange,
                       log_path_.string() + " was deleted (retention or DeleteRecords)");
  }
}

std::optional<std::string> Segment::open() {
  std::lock_guard lock(mu_);
  return open_locked();
}

std::optional<std::string> Segment::open_locked() {
  check_usable_locked();
  if (open_) return std::nullopt;
  log_ = File::open(log_path_, File::Mode::kReadWrite);
  uint64_t size = log_->size();
  std::string why;
  try {
    if (!offset_index_.load()) {
      why = "offset index missing";
    } else if (auto p = offset_index_.problem(size)) {
      why = "offset index: " + *p;
    } else if (!time_index_.load()) {
      why = "time index missing";
    }
  } catch (const StorageError& e) {
    why = e.what();
  }
  try {
    txn_index_.load();
  } catch (const StorageError& e) {
    // Aborted transactions cannot be recomputed from this segment alone; losing them
    // only affects read_committed consumers of this old data.
    if (logger_) logger_->warn(std::string(e.what()) + "; aborted-transaction index dropped");
    txn_index_.remove_file();
  }
  std::optional<std::string> tail;
  if (why.empty()) {
    tail = scan_tail_locked(size);
    if (auto p = time_index_.problem(stats_.next_offset)) why = "time index: " + *p;
  }
  if (!why.empty()) {
    if (logger_) logger_->warn(log_path_.string() + ": rebuilding indexes (" + why + ")");
    tail = rebuild_locked(size);
  }
  writeback_from_ = stats_.size;
  open_ = true;
  return tail;
}

std::pair<std::shared_ptr<File>, uint64_t> Segment::readable() {
  std::lock_guard lock(mu_);
  if (auto damage = open_locked(); damage && logger_) {
    logger_->warn(*damage + "; the data after it is not readable");
  }
  return {log_, stats_.size};
}

BatchMeta Segment::meta_of(const ScannedBatch& batch) {
  return {batch.header.base_offset, batch.header.last_offset(), batch.header.max_timestamp,
          batch.header.size_in_bytes()};
}

void Segment::track_batch(Stats& stats, const BatchMeta& meta, uint64_t position, bool index) {
  if (meta.max_timestamp > stats.max_timestamp) {
    stats.max_timestamp = meta.max_timestamp;
    stats.offset_of_max_timestamp = meta.base_offset;
  }
  if (position == 0) stats.first_batch_timestamp = meta.max_timestamp;
  if (index && stats.bytes_since_index_entry > index_interval_) {
    offset_index_.append(meta.base_offset, position);
    if (stats.max_timestamp >= 0) {
      time_index_.maybe_append(stats.max_timestamp, stats.offset_of_max_timestamp);
    }
    stats.bytes_since_index_entry = 0;
  }
  stats.bytes_since_index_entry += meta.size;
  stats.next_offset = meta.last_offset + 1;
  stats.size = position + meta.size;
}

std::optional<std::string> Segment::scan_tail_locked(uint64_t size) {
  Stats stats;
  stats.next_offset = base_offset_;
  if (auto t = time_index_.last()) {
    stats.max_timestamp = t->timestamp;
    stats.offset_of_max_timestamp = base_offset_ + t->relative_offset;
  }
  auto start = offset_index_.lookup(std::numeric_limits<int64_t>::max());
  stats.next_offset = start.offset;
  stats.size = start.position;
  BatchScanner scanner(*log_, start.position, size);
  while (auto batch = scanner.next()) {
    if (batch->header.base_offset < stats.next_offset) {
      stats_ = stats;
      return log_path_.string() + ": batch at " + std::to_string(batch->position) +
             " goes back to offset " + std::to_string(batch->header.base_offset);
    }
    track_batch(stats, meta_of(*batch), batch->position, /*index=*/false);
  }
  if (size >= sdk::batch::kHeaderSize) {
    uint8_t header[sdk::batch::kHeaderSize];
    log_->read_exact(0, header, sizeof header);
    stats.first_batch_timestamp = sdk::RecordBatchHeader::parse(header).max_timestamp;
  }
  stats_ = stats;
  if (scanner.stop() != BatchScanner::Stop::kEnd)
    return log_path_.string() + ": " + scanner.problem();
  return std::nullopt;
}

std::optional<std::string> Segment::rebuild_locked(uint64_t size) {
  offset_index_.reset();
  time_index_.reset();
  Stats stats;
  stats.next_offset = base_offset_;
  BatchScanner scanner(*log_, 0, size);
  std::optional<std::string> problem;
  while (auto batch = scanner.next()) {
    if (batch->header.base_offset < stats.next_offset) {
      problem = "batch at " + std::to_string(batch->position) + " goes back to offset " +
                std::to_string(batch->header.base_offset);
      break;
    }
    track_batch(stats, meta_of(*batch), batch->position, /*index=*/true);
  }
  if (!problem && scanner.stop() != BatchScanner::Stop::kEnd) problem = scanner.problem();
  if (stats.max_timestamp >= 0) {
    time_index_.maybe_append(stats.max_timestamp, stats.offset_of_max_timestamp);
  }
  stats_ = stats;
  if (problem) return log_path_.string() + ": " + *problem;
  return std::nullopt;
}

std::optional<std::string> Segment::recover(
    const std::function<void(const ScannedBatch&)>& on_batch) {
  std::lock_guard lock(mu_);
  check_usable_locked();
  if (!log_) log_ = File::open(log_path_, File::Mode::kReadWrite);
  direct_.reset();
  uint64_t size = log_->size();
  offset_index_.reset();
  time_index_.reset();
  txn_index_.remove_file();
  txn_index_.load();
  may_have_aborts_ = false;
  Stats stats;
  stats.next_offset = base_offset_;
  BatchScanner scanner(*log_, 0, size);
  std::optional<std::string> problem;
  uint64_t good_end = 0;
  while (auto batch = scanner.next(/*verify=*/true)) {
    if (batch->header.base_offset < stats.next_offset || batch->header.last_offset_delta < 0) {
      problem = "batch at " + std::to_string(batch->position) + " has bad offsets";
      break;
    }
    track_batch(stats, meta_of(*batch), batch->position, /*index=*/true);
    on_batch(*batch);
    good_end = batch->end();
  }
  if (!problem && scanner.stop() != BatchScanner::Stop::kEnd) problem = scanner.problem();
  // Also when nothing is cut: truncating frees blocks allocated past the data
  // (a segment made from a spare, see SpareSegment, keeps them after a crash).
  log_->truncate(good_end);
  if (good_end < size) {
    log_->sync();
    problem = "truncated " + std::to_string(size - good_end) + " bytes at position " +
              std::to_string(good_end) + " (" + problem.value_or("trailing bytes") + ")";
  }
  if (stats.max_timestamp >= 0) {
    time_index_.maybe_append(stats.max_timestamp, stats.offset_of_max_timestamp);
  }
  stats.size = good_end;
  stats_ = stats;
  writeback_from_ = good_end;
  padded_ = false;
  open_ = true;
  if (problem) return log_path_.string() + ": " + *problem;
  return std::nullopt;
}

// tend() hands written data to the kernel's writeback in chunks of at least this
// much: without it, dirty pages pile up until the kernel's threshold starts a burst
// of writeback (and throttles writers), which put tens of ms into the produce
// latency tail, and an fsync finds a lot left to write.
constexpr uint64_t kWritebackChunkBytes = 1 << 20;
constexpr uint64_t kPageBytes = 4096;

// Growth per tend() call from which a segment counts as fast (40 MiB/s at the
// storage engine's 100 ms pass): its partition gets its next segment made ahead.
constexpr uint64_t kFastGrowthBytes = 4 << 20;

Segment::Written Segment::write_out(File& file, uint64_t start, std::span<const uint8_t> bytes,
                                   bool direct) {
  if (direct) {
    if (!direct_ || direct_->end() != start) direct_ = DirectAppender::open(file, start);
    if (direct_) {
      padded_ = true;
      if (direct_->append(bytes)) return Written::kDirect;
      direct_.reset();
    }
    file.write_at(start, bytes.data(), bytes.size());
    return Written::kDirectRefused;
  }
  file.write_at(start, bytes.data(), bytes.size());
  if (direct_) direct_->skip(bytes);
  return Written::kBuffered;
}

Segment::Growth Segment::tend() {
  std::shared_ptr<File> file;
  uint64_t writeback_from = 0;
  uint64_t writeback_bytes = 0;
  Growth growth;
  {
    std::lock_guard lock(mu_);
    if (!open_ || !log_) return growth;
    file = log_;
    const uint64_t size = stats_.size;
    if (size >= writeback_from_ + kWritebackChunkBytes) {
      writeback_from = writeback_from_;
      // Whole pages only: the partial last one would be written again once filled.
      writeback_bytes = (size - writeback_from) / kPageBytes * kPageBytes;
      writeback_from_ = writeback_from + writeback_bytes;
    }
    growth.fast = size >= size_at_last_tend_ + kFastGrowthBytes;
    growth.allocated_ahead = preallocated_end_ > size;
    growth.size = size;
    growth.grown = size - std::min(size, size_at_last_tend_);
    size_at_last_tend_ = size;
  }
  if (writeback_bytes > 0) file->start_writeback(writeback_from, writeback_bytes);
  return growth;
}

void Segment::free_preallocated() {
  std::lock_guard resize(resize_mu_);
  std::shared_ptr<File> file;
  uint64_t size = 0;
  {
    std::lock_guard lock(mu_);
    if (!sealed_ || !take_preallocated_excess_locked()) return;
    file = log_;
    size = stats_.size;  // fixed: sealed, and truncate_to() waits for resize_mu_
  }
  cut_to_size(*file, size);
}

bool Segment::take_preallocated_excess_locked() {
  if (!log_ || preallocated_end_ <= stats_.size) return false;
  preallocated_end_ = 0;
  return true;
}

void Segment::cut_to_size(File& file, uint64_t size) {
  try {
    file.truncate(size);  // also frees blocks allocated past the size
  } catch (const StorageError& e) {
    if (logger_) logger_->warn(e.what());
  }
}

void Segment::end_direct_writes_locked() {
  direct_.reset();
  if (!padded_) return;
  padded_ = false;
  try {
    if (log_ && log_->size() > stats_.size) log_->truncate(stats_.size);
  } catch (const StorageError& e) {
    // The zeros left after the last batch are cut when the segment is next opened.
    if (logger_) logger_->warn(e.what());
  }
}

bool Segment::append(std::span<const uint8_t> bytes, std::span<const BatchMeta> batches,
                     bool direct) {
  std::shared_ptr<File> file;
  uint64_t start;
  {
    std::lock_guard lock(mu_);
    open_locked();
    file = log_;
    start = stats_.size;
  }
  try {
    const Written written = write_out(*file, start, bytes, direct);
    {
      std::lock_guard lock(mu_);
      Stats stats = stats_;
      uint64_t position = start;
      for (const auto& meta : batches) {
        track_batch(stats, meta, position, /*index=*/true);
        position += meta.size;
      }
      stats_ = stats;
    }
    return written != Written::kDirectRefused;
  } catch (...) {
    // Leave no trace of a half-done append: the next one writes at the same place.
    try {
      std::lock_guard lock(mu_);
      direct_.reset();
      file->truncate(start);
      padded_ = false;
      offset_index_.truncate_to_position(start);
      if (!batches.empty()) time_index_.truncate_to_offset(batches.front().base_offset);
    } catch (...) {
    }
    throw;
  }
}

int64_t Segment::next_offset() {
  std::lock_guard lock(mu_);
  open_locked();
  return stats_.next_offset;
}

std::pair<int64_t, int64_t> Segment::max_timestamp() {
  std::lock_guard lock(mu_);
  open_locked();
  return {stats_.max_timestamp, stats_.offset_of_max_timestamp};
}

int64_t Segment::first_batch_timestamp() const {
  std::lock_guard lock(mu_);
  return stats_.first_batch_timestamp;
}

std::size_t Segment::offset_index_entries() const { return offset_index_.size(); }
std::size_t Segment::time_index_entries() const { return time_index_.size(); }

std::optional<ScannedBatch> Segment::locate(int64_t offset) {
  auto [file, size] = readable();
  BatchScanner scanner(*file, offset_index_.lookup(offset).position, size);
  while (auto batch = scanner.next()) {
    if (batch->header.last_offset() >= offset) return batch;
  }
  return std::nullopt;
}

void Segment::for_each_batch(int64_t from_offset,
                             const std::function<bool(const ScannedBatch&, BatchScanner&)>& visit) {
  auto [file, size] = readable();
  BatchScanner scanner(*file, offset_index_.lookup(from_offset).position, size);
  while (auto batch = scanner.next()) {
    if (batch->header.last_offset() < from_offset) continue;
    if (!visit(*batch, scanner)) return;
  }
}

Segment::Read Segment::read(int64_t offset, uint64_t max_bytes, int64_t upper_offset,
                            bool min_one_batch) {
  auto [file, size] = readable();
  Read result;
  result.next_offset = offset;
  BatchScanner scanner(*file, offset_index_.lookup(offset).position, size);
  std::optional<ScannedBatch> first;
  while (auto batch = scanner.next()) {
    if (batch->header.last_offset() >= offset) {
      first = batch;
      break;
    }
  }
  if (!first) {
    result.end_of_segment = true;
    return result;
  }
  if (first->header.last_offset() >= upper_offset) return result;
  uint64_t first_size = first->header.size_in_bytes();
  if (first_size > max_bytes && !min_one_batch) return result;

  uint64_t end = first->end();
  int64_t next = first->header.last_offset() + 1;
  uint64_t limit = std::min(size, first->position + std::max(max_bytes, first_size));
  // Jump over the batches the index proves to fit: every batch before an entry's
  // position ends by it and holds offsets below the entry's.
  auto by_bytes = offset_index_.lookup_position(limit);
  auto by_offset = offset_index_.lookup(upper_offset - 1);
  auto jump = by_bytes.position < by_offset.position ? by_bytes : by_offset;
  if (jump.position > end) {
    end = jump.position;
    next = jump.offset;
  }
  BatchScanner rest(*file, end, size);
  bool stopped_early = false;
  while (auto batch = rest.next()) {
    if (batch->end() > limit || batch->header.last_offset() >= upper_offset) {
      stopped_early = true;
      break;
    }
    end = batch->end();
    next = batch->header.last_offset() + 1;
  }
  result.end_of_segment = !stopped_early && end >= size;
  result.next_offset = next;
  result.slice = sdk::FileSlice{file->fd(), first->position,
                                static_cast<uint32_t>(end - first->position), file};
  return result;
}

std::vector<uint8_t> Segment::read_batch(const ScannedBatch& batch) {
  auto [file, size] = readable();
  std::vector<uint8_t> bytes(batch.header.size_in_bytes());
  if (batch.end() > size) throw_corrupt(log_path_, "batch beyond the segment end");
  file->read_exact(batch.position, bytes.data(), bytes.size());
  return bytes;
}

int64_t Segment::truncate_to(int64_t offset) {
  std::lock_guard resize(resize_mu_);
  {
    std::lock_guard lock(mu_);
    sealed_ = false;  // it may be the log's last segment again
  }
  auto batch = locate(offset);
  std::lock_guard lock(mu_);
  if (!batch) return stats_.next_offset;
  direct_.reset();
  log_->truncate(batch->position);  // also frees blocks allocated past it
  preallocated_end_ = 0;
  padded_ = false;
  writeback_from_ = std::min(writeback_from_, batch->position);
  offset_index_.truncate_to_position(batch->position);
  time_index_.truncate_to_offset(batch->header.base_offset);
  txn_index_.truncate_to_offset(batch->header.base_offset);
  scan_tail_locked(batch->position);
  return stats_.next_offset;
}

std::optional<sdk::OffsetAndTimestamp> Segment::find_by_timestamp(int64_t timestamp,
                                                                  int64_t min_offset) {
  auto [file, size] = readable();
  int64_t start = std::max(time_index_.lookup(timestamp), min_offset);
  BatchScanner scanner(*file, offset_index_.lookup(start).position, size);
  while (auto batch = scanner.next()) {
    const auto& h = batch->header;
    if (h.last_offset() < min_offset || h.max_timestamp < timestamp) continue;
    sdk::OffsetAndTimestamp found{std::max(h.base_offset, min_offset), h.max_timestamp,
                                  h.partition_leader_epoch};
    if (h.compression() == sdk::Compression::kNone &&
        h.timestamp_type() == sdk::TimestampType::kCreateTime) {
      sdk::for_each_record(scanner.batch_bytes(*batch), [&](const sdk::RecordView& r) {
        int64_t offset = sdk::record_offset(h, r);
        int64_t ts = sdk::record_timestamp(h, r);
        if (offset < min_offset || ts < timestamp) return true;
        found.offset = offset;
        found.timestamp = ts;
        return false;
      });
    }
    return found;
  }
  return std::nullopt;
}

void Segment::add_aborted_txn(const AbortedTxnEntry& entry) {
  txn_index_.append(entry);
  may_have_aborts_ = true;
}

std::vector<AbortedTxnEntry> Segment::aborted_txns(int64_t from, int64_t upper) {
  if (!may_have_aborts_) return {};
  readable();
  return txn_index_.overlapping(from, upper);
}

void Segment::end_direct_writes() {
  std::lock_guard lock(mu_);
  end_direct_writes_locked();
}

void Segment::sync_log() {
  std::shared_ptr<File> file;
  {
    std::lock_guard lock(mu_);
    file = log_;
  }
  if (file) file->sync();
}

void Segment::flush() {
  sync_log();
  offset_index_.sync();
  time_index_.sync();
  txn_index_.sync();
}

void Segment::seal() {
  {
    std::lock_guard lock(mu_);
    if (!open_) return;
    end_direct_writes_locked();
    sealed_ = true;
    if (stats_.max_timestamp >= 0) {
      time_index_.maybe_append(stats_.max_timestamp, stats_.offset_of_max_timestamp);
    }
  }
  flush();
  offset_index_.release();
  time_index_.release();
  txn_index_.release();
}

void Segment::remove_files() {
  std::lock_guard lock(mu_);
  removed_ = true;
  open_ = false;
  direct_.reset();
  log_.reset();
  // The .log first: a crash in between leaves index files without a log, which the
  // next load removes, never a log that lost its indexes.
  std::error_code ec;
  std::filesystem::remove(log_path_, ec);
  if (ec) throw_io_error("cannot delete", log_path_, ec.value());
  offset_index_.remove_file();
  time_index_.remove_file();
  txn_index_.remove_file();
}

void Segment::close() {
  std::lock_guard lock(mu_);
  end_direct_writes_locked();
  if (take_preallocated_excess_locked()) cut_to_size(*log_, stats_.size);
  open_ = false;
  log_.reset();
  offset_index_.release();
  time_index_.release();
  txn_index_.release();
}

std::size_t find_segment(const std::vector<std::shared_ptr<Segment>>& segments, int64_t offset) {
  auto it = std::upper_bound(segments.begin(), segments.end(), offset,
                             [](int64_t o, const auto& s) { return o < s->base_offset(); });
  return it == segments.begin() ? 0 : static_cast<std::size_t>(it - segments.begin()) - 1;
}

}  // namespace skiff::storage
