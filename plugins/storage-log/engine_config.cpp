#include "engine_config.h"

#include <algorithm>
#include <optional>

#include "config_keys.h"

namespace skiff::storage {

namespace {

// Kafka's precedence for durations given in several units: the finest unit wins.
std::optional<int64_t> duration_ms(const sdk::ConfigView& view, std::string_view ms,
                                   std::string_view minutes, std::string_view hours) {
  if (auto v = config_long(view, ms)) return v;
  auto scaled = [](int64_t v, int64_t unit) { return v < 0 ? -1 : v * unit; };
  if (!minutes.empty()) {
    if (auto v = config_long(view, minutes)) return scaled(*v, 60'000);
  }
  if (auto v = config_long(view, hours)) return scaled(*v, 3'600'000);
  return std::nullopt;
}

}  // namespace

EngineConfig EngineConfig::from(const sdk::ConfigView& broker) {
  EngineConfig c;
  for (const auto& dir : broker.get_list(keys::kLogDirs)) c.log_dirs.emplace_back(dir);
  if (c.log_dirs.empty())
    c.log_dirs.emplace_back(broker.get_string(keys::kLogDir, "/tmp/skiff-logs"));

  LogConfig& d = c.defaults;
  d.segment_bytes = config_long(broker, keys::kSegmentBytes).value_or(d.segment_bytes);
  d.segment_ms = duration_ms(broker, keys::kRollMs, {}, keys::kRollHours).value_or(d.segment_ms);
  d.retention_ms =
      duration_ms(broker, keys::kRetentionMs, keys::kRetentionMinutes, keys::kRetentionHours)
          .value_or(d.retention_ms);
  d.retention_bytes = config_long(broker, keys::kRetentionBytes).value_or(d.retention_bytes);
  d.flush_messages = config_long(broker, keys::kFlushIntervalMessages).value_or(d.flush_messages);
  c.flush_scheduler_interval_ms =
      config_long(broker, keys::kFlushSchedulerIntervalMs).value_or(c.flush_scheduler_interval_ms);
  d.flush_ms = config_long(broker, keys::kFlushIntervalMs).value_or(c.flush_scheduler_interval_ms);
  d.segment_index_bytes = static_cast<int32_t>(std::clamp<int64_t>(
      config_long(broker, keys::kIndexSizeMaxBytes).value_or(d.segment_index_bytes), 12,
      INT32_MAX));
  d.index_interval_bytes = static_cast<int32_t>(std::clamp<int64_t>(
      config_long(broker, keys::kIndexIntervalBytes).value_or(d.index_interval_bytes), 0,
      INT32_MAX));
  d.max_message_bytes = static_cast<int32_t>(std::clamp<int64_t>(
      config_long(broker, keys::kMessageMaxBytes).value_or(d.max_message_bytes), 0, INT32_MAX));
  if (broker.get_string(keys::kMessageTimestampType) == "LogAppendTime") {
    d.timestamp_type = sdk::TimestampType::kLogAppendTime;
  }
  if (broker.raw(keys::kCleanupPolicy)) {
    auto policies = broker.get_list(keys::kCleanupPolicy);
    d.delete_retention = std::find(policies.begin(), policies.end(), "delete") != policies.end();
    d.compact = std::find(policies.begin(), policies.end(), "compact") != policies.end();
  }

  c.retention_check_interval_ms = std::max<int64_t>(
      config_long(broker, keys::kRetentionCheckIntervalMs).value_or(c.retention_check_interval_ms),
      1);
  c.producer_id_expiration_ms =
      config_long(broker, keys::kProducerIdExpirationMs).value_or(c.producer_id_expiration_ms);
  c.producer_id_expiration_check_interval_ms =
      config_long(broker, keys::kProducerIdExpirationCheckIntervalMs)
          .value_or(c.producer_id_expiration_check_interval_ms);
  c.flush_on_append = broker.get_bool(keys::kFlushOnAppend, false);
  c.direct_write_min_bytes = static_cast<int32_t>(std::clamp<int64_t>(
      config_long(broker, keys::kDirectWriteMinBytes).value_or(-1), -1, INT32_MAX));
  c.recovery_threads_per_dir = static_cast<int32_t>(std::clamp<int64_t>(
      config_long(broker, keys::kRecoveryThreadsPerDataDir).value_or(1), 1, 1024));
  return c;
}

}  // namespace skiff::storage
