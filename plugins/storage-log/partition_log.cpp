#include "partition_log.h"

#include <chrono>

#include <algorithm>
#include <random>
#include <stdexcept>

#include "file.h"
#include "log_layout.h"
#include "log_loader.h"
#include "partition_files.h"
#include "prepared_append.h"
#include "producer_snapshot.h"
#include "producer_state_loader.h"
#include "retention.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {

// Producer snapshots kept: the one at the active segment's base (what recovery
// replays from) and the newest (a clean close's).
constexpr std::size_t kSnapshotsKept = 2;
// A fast segment not made ahead rolls early onto a spare only with at least this
// much room left before segment.bytes (else it soon rolls anyway).
constexpr uint64_t kEarlyRollMinRoomBytes = 64 << 20;
// A fast segment that would reach segment.bytes within this many tend passes (at
// its last pass's growth) is rolled by the tend pass.
constexpr uint64_t kRollAheadPasses = 2;
// A spare is released once its partition has not appended fast for this long
// (bursts must not leave whole segments of disk allocated).
constexpr int64_t kSpareIdleMs = 30'000;

sdk::AppendResult failed(sdk::ErrorCode code, std::string message) {
  sdk::AppendResult r;
  r.error = code;
  r.error_message = std::move(message);
  return r;
}

}  // namespace

std::shared_ptr<Log> Log::open(Options options) {
  if (!options.logger) throw std::invalid_argument("Log::open needs a logger");
  LoadRequest load{options.dir, options.partition, options.config, options.logger, options.limiter};
  auto loaded = load_log(load);
  std::shared_ptr<Log> log(new Log(std::move(options)));
  const int64_t now = log->clock_();
  log->producers_ = std::move(loaded.producers);
  log->epochs_ = std::move(loaded.epochs);
  log->segments_ = std::make_shared<const Segments>(std::move(loaded.segments));
  log->log_start_ = loaded.log_start_offset;
  log->log_end_ = loaded.log_end_offset;
  // A single node acknowledges what it has stored; replication lowers this through
  // set_high_watermark() before serving reads.
  log->high_watermark_ = loaded.log_end_offset;
  log->new_active_locked(now);
  log->last_flush_ms_ = now;
  log->refresh_unstable_locked();
  log->info("loaded " + std::to_string(log->segments_->size()) + " segments, offsets " +
            std::to_string(loaded.log_start_offset) + ".." + std::to_string(loaded.log_end_offset) +
            (loaded.recovered ? " (recovered after an unclean shutdown)" : ""));
  return log;
}

Log::Log(Options options)
    : dir_(std::move(options.dir)),
      partition_(std::move(options.partition)),
      clock_(std::move(options.clock)),
      logger_(options.logger),
      flush_time_(std::move(options.flush_time)),
      flush_on_append_(options.flush_on_append),
      direct_write_min_bytes_(options.direct_write_min_bytes),
      spare_(dir_, logger_),
      tend_queue_(options.tend_queue),
      defaults_(options.defaults),
      config_(options.config) {}

Log::~Log() = default;

template <class Sync>
void Log::timed_flush(Sync&& sync) {
  const auto start = std::chrono::steady_clock::now();
  try {
    sync();
  } catch (...) {
    if (!sync_failed_.exchange(true)) {
      logger_->error(layout::partition_dir_name(partition_) +
                     ": an fsync failed; the partition takes no more writes until the broker "
                     "restarts and recovers it from disk");
    }
    throw;
  }
  if (flush_time_) {
    flush_time_->observe(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
}

void Log::info(const std::string& message) const {
  logger_->info(layout::partition_dir_name(partition_) + ": " + message);
}

void Log::check_open() const {
  if (closed_) {
    throw StorageError(sdk::ErrorCode::kKafkaStorageError, "log " + dir_.string() + " is closed");
  }
}

std::shared_ptr<const Log::Segments> Log::snapshot() const {
  std::lock_guard lock(view_mu_);
  return segments_;
}

std::vector<std::shared_ptr<Segment>> Log::segments() const { return *snapshot(); }

void Log::publish(Segments segments) {
  auto next = std::make_shared<const Segments>(std::move(segments));
  std::lock_guard lock(view_mu_);
  segments_ = std::move(next);
}

LogConfig Log::config() const {
  std::lock_guard lock(view_mu_);
  return config_;
}

// ---------------------------------------------------------------------------
// Append

sdk::AppendResult Log::append(const sdk::AppendRequest& request) {
  const LogConfig config = this->config();
  const int64_t now = clock_();
  PreparedAppend prepared = prepare_append(request.batches, config, request.leader_epoch, now);
  if (!prepared.ok()) {
    auto r = failed(prepared.error, prepared.message);
    r.record_errors = std::move(prepared.record_errors);
    r.log_start_offset = log_start_;
    return r;
  }

  std::lock_guard lock(mu_);
  if (closed_) return failed(sdk::ErrorCode::kKafkaStorageError, "log is closed");
  if (sync_failed_) {
    return failed(sdk::ErrorCode::kKafkaStorageError,
                  "partition is offline after a failed fsync; restart the broker");
  }
  sdk::AppendResult result;
  if (prepared.batches.empty()) {
    result.log_start_offset = log_start_;
    return result;
  }
  auto verdict = producers_.check(prepared.headers());
  if (verdict.error != sdk::ErrorCode::kNone) {
    auto r = failed(verdict.error, verdict.message);
    r.log_start_offset = log_start_;
    return r;
  }
  if (verdict.duplicate) {
    // A retry of a batch already stored: answer as the first time, store nothing.
    result.base_offset = verdict.duplicate->first_offset;
    result.last_offset = verdict.duplicate->last_offset;
    result.log_start_offset = log_start_;
    return result;
  }

  const int64_t base = log_end_;
  assign_offsets(prepared, base);
  std::vector<BatchMeta> metas;
  int64_t max_timestamp = -1;
  for (const auto& b : prepared.batches) {
    metas.push_back({b.header.base_offset, b.header.last_offset(), b.header.max_timestamp,
                     b.header.size_in_bytes()});
    max_timestamp = std::max(max_timestamp, b.header.max_timestamp);
  }
  std::shared_ptr<Segment> active;
  try {
    maybe_roll_locked(config, prepared.bytes.size(), base + prepared.offset_count - 1,
                      max_timestamp, now);
    active = snapshot()->back();
    const bool direct = !direct_refused_ && direct_write_min_bytes_ >= 0 &&
                        prepared.bytes.size() >= static_cast<std::size_t>(direct_write_min_bytes_);
    if (!active->append(prepared.bytes, metas, direct)) {
      direct_refused_ = true;
      logger_->warn(dir_.string() + ": the file system refuses O_DIRECT writes; " +
                    "log.direct.write.min.bytes has no effect here");
    }
  } catch (const StorageError& e) {
    logger_->error(std::string("append failed: ") + e.what());
    auto r = failed(e.code(), e.what());
    r.log_start_offset = log_start_;
    return r;
  }

  try {
    epochs_->assign(request.leader_epoch, base);
    for (const auto& b : prepared.batches) {
      auto done = producers_.apply(b.header, b.marker);
      if (done && done->aborted) {
        active->add_aborted_txn(
            {done->producer_id, done->first_offset, done->last_offset,
             producers_.first_unstable_offset().value_or(done->last_offset + 1)});
      }
    }
  } catch (const StorageError& e) {
    // The data is stored; only bookkeeping files failed. Recovery rebuilds them.
    logger_->error(std::string("append bookkeeping failed: ") + e.what());
  }
  refresh_unstable_locked();
  log_end_ = base + prepared.offset_count;
  unflushed_messages_ += prepared.offset_count;
  want_tend_locked();

  result.base_offset = base;
  result.last_offset = base + prepared.offset_count - 1;
  result.log_append_time_ms = prepared.log_append_time;
  result.log_start_offset = log_start_;
  const bool policy_wants_sync =
      flush_on_append_ || unflushed_messages_ >= config.flush_messages;
  if (policy_wants_sync && request.defer_sync) {
    result.needs_sync = true;
  } else if (policy_wants_sync) {
    try {
      timed_flush([&] { active->sync_log(); });
      unflushed_messages_ = 0;
      last_flush_ms_ = now;
    } catch (const StorageError& e) {
      logger_->error(std::string("fsync failed: ") + e.what());
      result.error = e.code();
      result.error_message = e.what();
    }
  }
  return result;
}

void Log::maybe_roll_locked(const LogConfig& config, uint64_t incoming_bytes, int64_t last_offset,
                            int64_t incoming_max_timestamp, int64_t now_ms) {
  const auto& active = *snapshot()->back();
  if (active.size() == 0) return;
  int64_t first_ts = active.first_batch_timestamp();
  // Kafka measures segment age in record time when it can, so replaying old data
  // does not roll a segment per batch.
  int64_t waited = first_ts >= 0 && incoming_max_timestamp >= 0 ? incoming_max_timestamp - first_ts
                                                                : now_ms - active_created_ms_;
  bool roll =
      active.size() + incoming_bytes > static_cast<uint64_t>(config.segment_bytes) ||
      waited >= config.roll_after_ms(active_jitter_seed_) ||
      static_cast<int64_t>(active.offset_index_entries()) >= config.max_offset_index_entries() ||
      static_cast<int64_t>(active.time_index_entries()) >= config.max_time_index_entries() ||
      last_offset - active.base_offset() > INT32_MAX;
  if (roll) roll_locked(now_ms);
}

void Log::roll_locked(int64_t now_ms) {
  Segments segments = *snapshot();
  auto& active = segments.back();
  const int64_t base = log_end_;
  if (active->size() == 0 || base == active->base_offset()) return;
  const auto started = std::chrono::steady_clock::now();
  // The old segment is durable before the new one exists: recovery relies on it.
  timed_flush([&] { active->seal(); });
  sealed_untrimmed_.push_back(active);
  want_tend_locked();
  write_producer_snapshot(dir_, base, producers_.entries());
  auto fresh = Segment::create(dir_, base, static_cast<uint32_t>(config().index_interval_bytes),
                               logger_, spare_.take());
  sync_directory(dir_);
  segments.push_back(std::move(fresh));
  publish(std::move(segments));
  prune_producer_snapshots(dir_, kSnapshotsKept);
  new_active_locked(now_ms);
  unflushed_messages_ = 0;
  last_flush_ms_ = now_ms;
  // As Kafka logs it: appends to the partition waited this long.
  info("rolled new log segment at offset " + std::to_string(base) + " in " +
       std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::steady_clock::now() - started)
                          .count()) +
       " ms");
}

void Log::want_tend_locked() {
  if (!tend_queue_ || queued_for_tend_) return;
  queued_for_tend_ = true;
  tend_queue_->add(weak_from_this());
}

void Log::new_active_locked(int64_t now_ms) {
  static thread_local std::mt19937_64 random(std::random_device{}());
  active_created_ms_ = now_ms;
  active_jitter_seed_ = random();
}

void Log::roll() {
  std::lock_guard lock(mu_);
  check_open();
  roll_locked(clock_());
}

void Log::refresh_unstable_locked() {
  first_unstable_ = producers_.first_unstable_offset().value_or(-1);
}

// ---------------------------------------------------------------------------
// Reads

sdk::ReadResult Log::read(const sdk::ReadRequest& request) {
  sdk::ReadResult result;
  if (closed_) {
    result.error = sdk::ErrorCode::kKafkaStorageError;
    return result;
  }
  // Offsets first, then segments: a segment's size moves before the log end does,
  // so every offset below `end` is readable in the segments we get.
  const int64_t start = log_start_;
  const int64_t end = log_end_;
  auto segments = snapshot();
  if (request.offset < start || request.offset > end) {
    result.error = sdk::ErrorCode::kOffsetOutOfRange;
    return result;
  }
  const int64_t upper = request.max_offset >= 0 ? std::min(request.max_offset, end) : end;
  if (request.offset >= upper) return result;

  const auto& segs = *segments;
  if (request.offset < segs.front()->base_offset()) {
    // Retention moved the start between our two looks: the offset is gone.
    result.error = sdk::ErrorCode::kOffsetOutOfRange;
    return result;
  }
  const std::size_t first = find_segment(segs, request.offset);
  uint64_t budget = static_cast<uint64_t>(std::max(request.max_bytes, 0));
  int64_t next = request.offset;
  try {
    for (std::size_t i = first; i < segs.size() && next < upper; ++i) {
      auto part =
          segs[i]->read(next, budget, upper, request.min_one_batch && result.slices.empty());
      if (part.slice) {
        result.total_bytes += part.slice->length;
        budget -= std::min<uint64_t>(budget, part.slice->length);
        result.slices.push_back(std::move(*part.slice));
        next = part.next_offset;
      }
      if (!part.end_of_segment || budget == 0) break;
    }
    if (!result.slices.empty()) {
      // An abort marker may sit in a later segment than the data it aborts; stop
      // at an entry showing every transaction begun before `next` had ended.
      for (std::size_t i = first; i < segs.size(); ++i) {
        bool complete = false;
        for (const auto& txn : segs[i]->aborted_txns(request.offset, next)) {
          result.aborted.push_back({txn.producer_id, txn.first_offset});
          complete = complete || txn.last_stable_offset >= next;
        }
        if (complete) break;
      }
    }
  } catch (const StorageError& e) {
    if (result.slices.empty()) {
      // A segment deleted under us holds offsets now below the log start.
      result.error = e.code() == sdk::ErrorCode::kOffsetOutOfRange
                         ? sdk::ErrorCode::kOffsetOutOfRange
                         : sdk::ErrorCode::kKafkaStorageError;
    }
    if (e.code() != sdk::ErrorCode::kOffsetOutOfRange) logger_->error(e.what());
  }
  return result;
}

std::optional<sdk::OffsetAndTimestamp> Log::offset_for_timestamp(int64_t timestamp) {
  const int64_t start = log_start_;
  const int64_t end = log_end_;
  auto segments = snapshot();
  try {
    for (std::size_t i = find_segment(*segments, start); i < segments->size(); ++i) {
      auto& segment = *(*segments)[i];
      if (segment.max_timestamp().first < timestamp) continue;
      auto found = segment.find_by_timestamp(timestamp, start);
      if (found && found->offset < end) return found;
      if (found) return std::nullopt;
    }
  } catch (const StorageError& e) {
    logger_->warn(std::string("timestamp lookup failed: ") + e.what());
  }
  return std::nullopt;
}

std::optional<sdk::OffsetAndTimestamp> Log::max_timestamp() {
  const int64_t start = log_start_;
  auto segments = snapshot();
  try {
    int64_t best = -1;
    std::shared_ptr<Segment> holder;
    for (std::size_t i = find_segment(*segments, start); i < segments->size(); ++i) {
      auto ts = (*segments)[i]->max_timestamp().first;
      if (ts > best) {
        best = ts;
        holder = (*segments)[i];
      }
    }
    if (holder) return holder->find_by_timestamp(best, start);
  } catch (const StorageError& e) {
    logger_->warn(std::string("max timestamp lookup failed: ") + e.what());
  }
  return std::nullopt;
}

sdk::OffsetAndTimestamp Log::end_offset_for_epoch(int32_t leader_epoch) {
  auto e = epochs_->end_offset_for(leader_epoch, log_end_);
  return {e.start_offset, -1, e.epoch};
}

int64_t Log::last_stable_offset() const {
  int64_t unstable = first_unstable_;
  int64_t hw = high_watermark_;
  return unstable >= 0 ? std::min(unstable, hw) : hw;
}

void Log::set_high_watermark(int64_t offset) {
  high_watermark_ = std::clamp<int64_t>(offset, log_start_, log_end_);
}

uint64_t Log::size_bytes() const {
  uint64_t total = 0;
  for (const auto& s : *snapshot()) total += s->size();
  return total;
}

uint64_t Log::segment_count() const { return snapshot()->size(); }

// ---------------------------------------------------------------------------
// Deleting and truncating

void Log::set_log_start_locked(int64_t offset) {
  // Durable before anything is deleted, so a crash cannot resurrect the old start.
  partition_files::write_log_start_offset(dir_, offset);
  log_start_ = offset;
  epochs_->truncate_from_start(offset);
  if (high_watermark_ < offset) high_watermark_ = offset;
}

void Log::delete_oldest_locked(std::size_t count, const std::string& reason) {
  Segments all = *snapshot();
  count = std::min(count, all.size() - 1);  // the active segment always stays
  if (count == 0) return;
  Segments doomed(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(count));
  Segments rest(all.begin() + static_cast<std::ptrdiff_t>(count), all.end());
  if (rest.front()->base_offset() > log_start_) set_log_start_locked(rest.front()->base_offset());
  publish(std::move(rest));
  for (const auto& s : doomed) {
    try {
      s->remove_files();
    } catch (const StorageError& e) {
      logger_->warn(e.what());
    }
  }
  sync_directory(dir_);
  info("deleted " + std::to_string(count) + " segment(s) " + reason + "; log starts at " +
       std::to_string(log_start_.load()));
}

sdk::ErrorCode Log::delete_records_before(int64_t offset) {
  std::lock_guard lock(mu_);
  if (closed_) return sdk::ErrorCode::kKafkaStorageError;
  if (offset > high_watermark_ || offset < 0) return sdk::ErrorCode::kOffsetOutOfRange;
  if (offset <= log_start_) return sdk::ErrorCode::kNone;
  try {
    set_log_start_locked(offset);
    auto segments = snapshot();
    std::size_t below = 0;
    while (below + 1 < segments->size() && (*segments)[below + 1]->base_offset() <= offset) ++below;
    delete_oldest_locked(below, "below the DeleteRecords offset " + std::to_string(offset));
  } catch (const StorageError& e) {
    logger_->error(e.what());
    return e.code();
  }
  return sdk::ErrorCode::kNone;
}

void Log::truncate_to(int64_t offset) {
  std::lock_guard lock(mu_);
  if (closed_ || offset >= log_end_ || offset < 0) return;
  try {
    Segments all = *snapshot();
    int64_t new_end;
    if (offset <= all.front()->base_offset() || offset < log_start_) {
      // Nothing below `offset` survives: start over, empty, at `offset`.
      for (const auto& s : all) s->remove_files();
      auto fresh = Segment::create(dir_, offset,
                                   static_cast<uint32_t>(config().index_interval_bytes), logger_);
      publish({fresh});
      set_log_start_locked(offset);
      new_end = offset;
    } else {
      std::size_t keep = find_segment(all, offset - 1) + 1;
      Segments kept(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(keep));
      publish(kept);
      for (std::size_t i = keep; i < all.size(); ++i) all[i]->remove_files();
      new_end = kept.back()->truncate_to(offset);
    }
    sync_directory(dir_);
    log_end_ = new_end;
    if (high_watermark_ > new_end) high_watermark_ = new_end;
    epochs_->truncate_from_end(new_end);
    auto segments = snapshot();
    ProducerStateRestore restore;
    restore.dir = dir_;
    restore.segments = segments.get();
    restore.log_end_offset = new_end;
    restore.snapshot_limit = new_end;
    restore.logger = logger_;
    restore_producer_state(restore, producers_);
    refresh_unstable_locked();
    new_active_locked(clock_());
    info("truncated to offset " + std::to_string(new_end));
  } catch (const StorageError& e) {
    logger_->error(std::string("truncation failed: ") + e.what());
  }
}

// ---------------------------------------------------------------------------
// Housekeeping

void Log::expire_producers(int64_t expiration_ms) {
  std::lock_guard lock(mu_);
  if (closed_) return;
  std::size_t removed = producers_.remove_expired(clock_(), expiration_ms);
  if (removed > 0) {
    info("expired " + std::to_string(removed) + " idle producer id(s)");
  }
}

void Log::enforce_retention() {
  std::lock_guard lock(mu_);
  if (closed_) return;
  try {
    const int64_t now = clock_();
    auto segments = snapshot();
    auto plan = plan_retention(*segments, log_end_, high_watermark_, log_start_, config(), now);
    if (plan.count == 0) return;
    if (plan.count == segments->size()) roll_locked(now);  // keep an (empty) active segment
    delete_oldest_locked(plan.count, plan.reason);
  } catch (const StorageError& e) {
    logger_->error(std::string("retention failed: ") + e.what());
  }
}

int64_t Log::rolling_base_ms(const Segment& active) const {
  int64_t first = active.first_batch_timestamp();
  return first >= 0 ? first : active_created_ms_;
}

void Log::roll_if_due() {
  std::lock_guard lock(mu_);
  if (closed_) return;
  const int64_t now = clock_();
  const auto& active = *snapshot()->back();
  if (active.size() > 0 &&
      now - rolling_base_ms(active) >= config().roll_after_ms(active_jitter_seed_)) {
    roll_in_background_locked(now);
  }
}

void Log::roll_in_background_locked(int64_t now_ms) {
  try {
    roll_locked(now_ms);
  } catch (const StorageError& e) {
    logger_->error(std::string("segment roll failed: ") + e.what());
  }
}

void Log::flush_locked(int64_t now_ms) {
  try {
    timed_flush([&] { snapshot()->back()->flush(); });
    unflushed_messages_ = 0;
    last_flush_ms_ = now_ms;
  } catch (const StorageError& e) {
    logger_->error(std::string("flush failed: ") + e.what());
  }
}

sdk::ErrorCode Log::sync_to(int64_t end_offset) {
  std::lock_guard sync_lock(sync_mu_);
  if (sync_failed_) return sdk::ErrorCode::kKafkaStorageError;
  if (durable_end_.load(std::memory_order_acquire) >= end_offset) return sdk::ErrorCode::kNone;
  std::shared_ptr<Segment> active;
  int64_t covered = 0;
  {
    // Older segments were made durable when they rolled: the active one holds
    // everything appended since, up to log_end_.
    std::lock_guard lock(mu_);
    if (closed_) return sdk::ErrorCode::kKafkaStorageError;
    active = snapshot()->back();
    covered = log_end_;
  }
  try {
    timed_flush([&] { active->sync_log(); });
  } catch (const StorageError& e) {
    logger_->error(std::string("fsync failed: ") + e.what());
    return e.code();
  }
  int64_t durable = durable_end_.load(std::memory_order_relaxed);
  while (durable < covered &&
         !durable_end_.compare_exchange_weak(durable, covered, std::memory_order_release)) {
  }
  {
    // The flush policy counts from here: only what was appended since is unflushed.
    std::lock_guard lock(mu_);
    unflushed_messages_ = std::min(unflushed_messages_, log_end_ - covered);
    last_flush_ms_ = clock_();
  }
  return sdk::ErrorCode::kNone;
}

void Log::flush() {
  std::lock_guard lock(mu_);
  if (!closed_) flush_locked(clock_());
}

void Log::flush_if_due() {
  std::lock_guard lock(mu_);
  if (closed_ || unflushed_messages_ == 0) return;
  const int64_t now = clock_();
  if (now - last_flush_ms_ >= config().flush_ms) flush_locked(now);
}

void Log::tend_active_segment() {
  std::shared_ptr<Segment> active;
  std::vector<std::shared_ptr<Segment>> sealed;
  uint64_t size_limit = 0;
  bool preallocate = false;
  {
    std::lock_guard lock(mu_);
    queued_for_tend_ = false;
    if (closed_) return;
    active = snapshot()->back();
    sealed.swap(sealed_untrimmed_);
    const LogConfig config = this->config();
    size_limit = static_cast<uint64_t>(config.segment_bytes);
    preallocate = config.preallocate;
  }
  for (const auto& segment : sealed) segment->free_preallocated();
  const Segment::Growth growth = active->tend();
  if (growth.fast) last_fast_ms_ = clock_();
  if (!growth.fast && !(preallocate && growth.grown > 0)) return;
  const bool spare_ready = spare_.prepare(size_limit);
  // Rolls here rather than in an append: the roll makes the segment durable while
  // appends wait (4-8 ms at 135 MiB/s), so most of that is done first, without the
  // lock. Two cases: a fast segment not made ahead (blocks allocated as it is
  // written) moves onto the spare; a segment that fills up before the next pass or
  // the one after rolls now, a little short of segment.bytes.
  const bool onto_spare = spare_ready && !growth.allocated_ahead &&
                          growth.size + kEarlyRollMinRoomBytes <= size_limit;
  const bool filling_up =
      growth.fast && growth.size + kRollAheadPasses * growth.grown >= size_limit;
  if (!onto_spare && !filling_up) return;
  try {
    timed_flush([&] { active->sync_log(); });
  } catch (const StorageError&) {
    return;  // logged; the partition takes no more writes
  }
  std::lock_guard lock(mu_);
  if (!closed_ && snapshot()->back() == active) roll_in_background_locked(clock_());
}

void Log::release_idle_spare() {
  if (config().preallocate || clock_() - last_fast_ms_ < kSpareIdleMs) return;
  spare_.release();
}

void Log::update_config(const sdk::ConfigView& topic_config) {
  std::lock_guard lock(view_mu_);
  config_ = LogConfig::from(topic_config, defaults_);
  segments_->back()->set_index_interval(static_cast<uint32_t>(config_.index_interval_bytes));
}

void Log::set_defaults(const LogConfig& defaults, bool flush_on_append) {
  {
    std::lock_guard lock(mu_);
    flush_on_append_ = flush_on_append;
  }
  std::lock_guard lock(view_mu_);
  defaults_ = defaults;
}

// ---------------------------------------------------------------------------
// Closing

void Log::close() {
  std::lock_guard lock(mu_);
  if (closed_.exchange(true)) return;
  spare_.discard();
  if (sync_failed_) {
    // No clean-shutdown marker: the next open must check the files.
    for (const auto& s : *snapshot()) s->close();
    return;
  }
  try {
    auto segments = snapshot();
    segments->back()->end_direct_writes();
    segments->back()->flush();
    write_producer_snapshot(dir_, log_end_, producers_.entries());
    prune_producer_snapshots(dir_, kSnapshotsKept);
    for (const auto& s : *segments) s->close();
    partition_files::write_clean_shutdown_marker(dir_);
  } catch (const StorageError& e) {
    logger_->error(std::string("close failed, the next open recovers: ") + e.what());
  }
}

void Log::close_for_removal() {
  std::lock_guard lock(mu_);
  closed_ = true;
  spare_.discard();
  for (const auto& s : *snapshot()) s->close();
}

}  // namespace skiff::storage
