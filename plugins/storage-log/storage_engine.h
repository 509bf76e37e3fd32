// LogStorageEngine: the storage-log plugin's sdk::StorageEngine ("log"). It owns
// the log directories (log.dirs), places new partitions in the directory with the
// fewest, opens each partition's Log once and keeps it for housekeeping (retention,
// time-based rolls, flush.ms), deletes topics the way Kafka does (rename the
// directory to "<name>.<unique>-delete", then delete it) and reports disk usage.
//
// A log directory that cannot be created or written is taken offline at startup:
// it is reported with KAFKA_STORAGE_ERROR by describe_log_dirs() and its
// partitions fail to open; startup fails only if every directory is offline.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clock.h"
#include "engine_config.h"
#include "partition_log.h"
#include "tend_queue.h"
#include "recovery_limiter.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/metrics.h"
#include "skiff/sdk/storage.h"

namespace skiff::storage {

class LogStorageEngine final : public sdk::StorageEngine {
 public:
  // Throws StorageError when no log directory is usable.
  LogStorageEngine(EngineConfig config, sdk::Logger& logger, Clock clock = system_time_ms);
  ~LogStorageEngine() override;

  // Where every partition's flush (fsync) times go, in ms (Kafka's
  // LogFlushRateAndTimeMs); set before partitions are opened.
  void set_flush_time_histogram(std::shared_ptr<sdk::Histogram> histogram) {
    flush_time_ = std::move(histogram);
  }

  // sdk::StorageEngine. open() throws StorageError (kInvalidTopicException for a
  // name that cannot be a directory, kKafkaStorageError naming the path otherwise).
  std::shared_ptr<sdk::PartitionLog> open(const sdk::TopicPartition& partition,
                                          const sdk::ConfigView& topic_config) override;
  void remove(const sdk::TopicPartition& partition) override;
  std::vector<sdk::TopicPartition> stored_partitions() override;
  std::vector<sdk::LogDir> describe_log_dirs() override;

  // Housekeeping over every open log (called from the plugin's timers).
  void enforce_retention();
  void expire_producers();
  void roll_if_due();
  void flush_if_due();
  void tend_active_segments();
  void release_idle_spares();
  // Dynamic broker config changed: new defaults and log.flush.on.append.
  void reconfigure(const EngineConfig& config);
  // Clean shutdown of every log; later opens fail.
  void close_all();

  std::shared_ptr<Log> find(const sdk::TopicPartition& partition) const;
  EngineConfig config() const;

 private:
  struct Dir {
    std::filesystem::path path;
    std::string error;  // empty while online
    std::unique_ptr<RecoveryLimiter> limiter;
  };

  void scan_dir(std::size_t index);
  // The directory index for a partition: where it is stored, else the online one
  // holding the fewest partitions. Caller holds mu_.
  std::size_t place_locked(const sdk::TopicPartition& partition);
  std::filesystem::path partition_path(std::size_t dir, const sdk::TopicPartition& partition) const;
  std::vector<std::shared_ptr<Log>> all_logs() const;
  std::mutex& open_lock(const sdk::TopicPartition& partition);

  EngineConfig config_;
  sdk::Logger& logger_;
  Clock clock_;
  std::shared_ptr<sdk::Histogram> flush_time_;
  TendQueue tend_queue_;
  std::vector<Dir> dirs_;

  mutable std::mutex mu_;
  std::map<sdk::TopicPartition, std::shared_ptr<Log>> logs_;
  std::map<sdk::TopicPartition, std::size_t> placement_;  // stored partitions -> dir index
  std::map<sdk::TopicPartition, std::unique_ptr<std::mutex>> open_locks_;
  bool closed_ = false;
};

}  // namespace skiff::storage
