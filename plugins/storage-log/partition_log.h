// Log: the storage-log engine's sdk::PartitionLog: a partition directory of
// segments with its log start/end offsets, high watermark, leader epochs and
// producer state.
//
// Concurrency: appends, truncation, retention and rolling take the partition's
// writer lock. Readers never take it: they copy the (immutable) segment list and
// the offsets under a short lock and then read files, bounded by what was complete
// when they looked, so a slow disk write never stalls a fetch.
//
// Durability: data is fsynced with log.flush.on.append and after flush.messages
// messages (inline, or by the caller's sync_to() when the append was deferred and
// the result says needs_sync), every flush.ms (flush_if_due()) and when a segment rolls.
// A segment is fsynced before its successor exists, so after a crash only the last
// segment needs recovery.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "clock.h"
#include "leader_epoch_cache.h"
#include "log_config.h"
#include "producer_state.h"
#include "recovery_limiter.h"
#include "segment.h"
#include "spare_segment.h"
#include "tend_queue.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/metrics.h"
#include "skiff/sdk/storage.h"

namespace skiff::storage {

class Log final : public sdk::PartitionLog, public std::enable_shared_from_this<Log> {
 public:
  struct Options {
    std::filesystem::path dir;
    sdk::TopicPartition partition;
    LogConfig defaults;  // broker-level defaults for keys a topic config lacks
    LogConfig config;    // effective topic config
    bool flush_on_append = false;
    // Appends of this many bytes or more use O_DIRECT; -1 never (log.direct.write.min.bytes).
    int32_t direct_write_min_bytes = -1;
    Clock clock = system_time_ms;
    sdk::Logger* logger = nullptr;  // required
    RecoveryLimiter* limiter = nullptr;
    // Observes the milliseconds of every flush (fsync); may be null.
    std::shared_ptr<sdk::Histogram> flush_time;
    // Where the log asks for its next tend_active_segment() after an append or a
    // roll; null: the caller tends it (tests).
    TendQueue* tend_queue = nullptr;
  };

  // Loads (recovering if needed) or creates the log. Throws StorageError.
  static std::shared_ptr<Log> open(Options options);
  ~Log() override;

  // sdk::PartitionLog
  sdk::AppendResult append(const sdk::AppendRequest& request) override;
  sdk::ReadResult read(const sdk::ReadRequest& request) override;
  int64_t log_start_offset() const override { return log_start_; }
  int64_t log_end_offset() const override { return log_end_; }
  int64_t high_watermark() const override { return high_watermark_; }
  void set_high_watermark(int64_t offset) override;
  int64_t last_stable_offset() const override;
  std::optional<sdk::OffsetAndTimestamp> offset_for_timestamp(int64_t timestamp) override;
  std::optional<sdk::OffsetAndTimestamp> max_timestamp() override;
  sdk::OffsetAndTimestamp end_offset_for_epoch(int32_t leader_epoch) override;
  sdk::ErrorCode delete_records_before(int64_t offset) override;
  void truncate_to(int64_t offset) override;
  void flush() override;
  sdk::ErrorCode sync_to(int64_t end_offset) override;
  uint64_t size_bytes() const override;
  uint64_t segment_count() const override;
  void update_config(const sdk::ConfigView& topic_config) override;

  // Engine housekeeping (timers); each is a no-op when there is nothing to do.
  void enforce_retention();
  // Drops idle producers' state (producer.id.expiration.ms).
  void expire_producers(int64_t expiration_ms);
  void roll_if_due();
  void flush_if_due();
  // Background disk work, off the appending threads: the active segment's
  // (Segment::tend), freeing the blocks rolled segments allocated past their end,
  // and, while appends come fast, the next segment made ahead (SpareSegment). A
  // fast segment that was not made ahead (a new partition's first) is rolled early
  // onto the spare, once, and one about to fill up is rolled here, not in an append.
  void tend_active_segment();
  // Removes the spare segment of a partition that has not appended fast for a
  // while (its blocks are allocated: it must not hold disk space for nothing).
  void release_idle_spare();
  void set_defaults(const LogConfig& defaults, bool flush_on_append);
  // Starts a new segment now (tests, tools).
  void roll();

  // Clean close: flush, snapshot producer state, write the clean-shutdown marker,
  // release the files. Later calls fail with KAFKA_STORAGE_ERROR.
  void close();
  // Topic deletion: release the files without marking a clean shutdown.
  void close_for_removal();

  const std::filesystem::path& dir() const { return dir_; }
  const sdk::TopicPartition& partition() const { return partition_; }
  LogConfig config() const;
  std::vector<std::shared_ptr<Segment>> segments() const;

 private:
  using Segments = std::vector<std::shared_ptr<Segment>>;

  explicit Log(Options options);
  std::shared_ptr<const Segments> snapshot() const;
  void publish(Segments segments);
  void roll_locked(int64_t now_ms);
  void maybe_roll_locked(const LogConfig& config, uint64_t incoming_bytes, int64_t last_offset,
                         int64_t incoming_max_timestamp, int64_t now_ms);
  // Removes the first `count` segments and advances the log start past them.
  void delete_oldest_locked(std::size_t count, const std::string& reason);
  void set_log_start_locked(int64_t offset);
  void flush_locked(int64_t now_ms);
  // Runs `sync` (an fsync of some files) and records how long it took.
  template <class Sync>
  void timed_flush(Sync&& sync);
  void refresh_unstable_locked();
  int64_t rolling_base_ms(const Segment& active) const;
  void check_open() const;
  // Queues the log for the next tend pass, once.
  void want_tend_locked();
  // roll_locked() for the timers: a failure is logged, not thrown.
  void roll_in_background_locked(int64_t now_ms);
  void new_active_locked(int64_t now_ms);
  void info(const std::string& message) const;

  const std::filesystem::path dir_;
  const sdk::TopicPartition partition_;
  const Clock clock_;
  sdk::Logger* const logger_;
  const std::shared_ptr<sdk::Histogram> flush_time_;

  std::mutex mu_;  // writer lock: appends, truncation, retention, rolling
  // sync_to(): one fsync at a time, outside mu_; durable_end_ is what the last
  // one covered, so callers queued behind it usually have nothing left to do.
  std::mutex sync_mu_;
  std::atomic<int64_t> durable_end_{0};
  ProducerStateManager producers_;
  std::unique_ptr<LeaderEpochCache> epochs_;
  int64_t unflushed_messages_ = 0;
  int64_t last_flush_ms_ = 0;
  int64_t active_created_ms_ = 0;
  uint64_t active_jitter_seed_ = 0;  // drawn per active segment, for segment.jitter.ms
  bool flush_on_append_ = false;
  const int32_t direct_write_min_bytes_;
  bool direct_refused_ = false;  // the file system took no O_DIRECT write
  // Rolled since the last tend pass: blocks allocated past their end are freed then.
  std::vector<std::shared_ptr<Segment>> sealed_untrimmed_;
  SpareSegment spare_;  // the next segment, made ahead by the tend pass
  TendQueue* const tend_queue_;
  bool queued_for_tend_ = false;
  std::atomic<int64_t> last_fast_ms_{0};  // clock_() of the last tend pass that found it fast

  mutable std::mutex view_mu_;  // what readers copy
  std::shared_ptr<const Segments> segments_;
  LogConfig defaults_;
  LogConfig config_;

  std::atomic<int64_t> log_start_{0};
  std::atomic<int64_t> log_end_{0};
  std::atomic<int64_t> high_watermark_{0};
  std::atomic<int64_t> first_unstable_{-1};
  std::atomic<bool> closed_{false};
  // After a failed fsync the page cache may have dropped data the disk never got
  // (and a later fsync may still succeed): the log takes no more appends and
  // acknowledges nothing more until a restart recovers it from disk, as Kafka
  // takes the log directory offline.
  std::atomic<bool> sync_failed_{false};
};

}  // namespace skiff::storage
