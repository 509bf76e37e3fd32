// The storage-log plugin: declares the log.* configuration keys, registers the
// LogStorageEngine as storage engine "log" (storage.engine=log), runs its
// housekeeping on the kernel's scheduler, and closes every log cleanly on stop.
#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

#include "config_keys.h"
#include "engine_config.h"
#include "skiff/sdk/plugin.h"
#include "storage_engine.h"

namespace skiff::storage {

namespace {

// Idle partitions roll by segment.ms on this timer (busy ones roll on append).
constexpr int64_t kRollCheckIntervalMs = 30'000;
// Background disk work for the segments being appended to, off the appending
// threads: writeback of new data (steadily, not in the kernel's bursts) and, for
// fast partitions, the next segment made ahead (see Log::tend_active_segment).
constexpr int64_t kTendIntervalMs = 100;
// How often spare segments of partitions that stopped appending fast are released.
constexpr int64_t kSpareCheckIntervalMs = 10'000;
// Periods longer than this mean "never" (Kafka's Long.MAX_VALUE defaults).
constexpr int64_t kLongestTimerMs = 365LL * 24 * 3600 * 1000;

class StorageLogPlugin final : public sdk::Plugin {
 public:
  void declare_config(sdk::ConfigSchema& schema) override { keys::declare(schema); }

  void configure(sdk::Host& host) override {
    host_ = &host;
    engine_ = std::make_shared<LogStorageEngine>(EngineConfig::from(host.config()),
                                                 host.logger("storage"));
    // The kernel exports this summary; flushes observed here land in it.
    engine_->set_flush_time_histogram(host.metrics().histogram(
        {"kafka_log_logflushstats_logflushrateandtimems",
         "Time per log flush (fsync) by the storage engine, in ms.", sdk::MetricType::kSummary}));
    host.extensions().add<sdk::StorageEngine>("log", engine_);
  }

  void start() override {
    auto config = engine_->config();
    every(config.retention_check_interval_ms, &LogStorageEngine::enforce_retention);
    every(std::min(config.retention_check_interval_ms, kRollCheckIntervalMs),
          &LogStorageEngine::roll_if_due);
    every(config.flush_scheduler_interval_ms, &LogStorageEngine::flush_if_due);
    every(kTendIntervalMs, &LogStorageEngine::tend_active_segments);
    every(kSpareCheckIntervalMs, &LogStorageEngine::release_idle_spares);
    every(config.producer_id_expiration_check_interval_ms, &LogStorageEngine::expire_producers);
  }

  void stop() override {
    timers_.clear();  // cancels them
    if (engine_) engine_->close_all();
  }

  void reconfigure(const sdk::ConfigView& config) override {
    if (engine_) engine_->reconfigure(EngineConfig::from(config));
  }

 private:
  // Runs `task` every `period_ms` on a blocking-capable thread (it does disk I/O),
  // skipping a tick while the previous run is still going.
  void every(int64_t period_ms, void (LogStorageEngine::*task)()) {
    if (period_ms <= 0 || period_ms > kLongestTimerMs) return;
    std::weak_ptr<LogStorageEngine> weak = engine_;
    auto busy = std::make_shared<std::atomic<bool>>(false);
    sdk::Scheduler* scheduler = &host_->scheduler();
    timers_.push_back(
        scheduler->run_every(std::chrono::milliseconds(period_ms), [weak, busy, scheduler, task] {
          if (busy->exchange(true)) return;
          scheduler->run_blocking([weak, busy, task] {
            if (auto engine = weak.lock()) ((*engine).*task)();
            *busy = false;
          });
        }));
  }

  sdk::Host* host_ = nullptr;
  std::shared_ptr<LogStorageEngine> engine_;
  std::vector<std::unique_ptr<sdk::TimerHandle>> timers_;
};

}  // namespace

}  // namespace skiff::storage

SKIFF_PLUGIN(skiff::storage::StorageLogPlugin, "storage-log",
             "Kafka-style segmented log storage (storage.engine=log)")
