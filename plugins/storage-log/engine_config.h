// EngineConfig: the broker-level settings of the storage-log engine, read from the
// broker's ConfigView: where logs live, the defaults topic configs fall back to
// (Kafka's log.* keys, with their ms/minutes/hours precedence), the housekeeping
// intervals and Skiff's log.flush.on.append and log.direct.write.min.bytes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "log_config.h"
#include "skiff/sdk/config.h"

namespace skiff::storage {

struct EngineConfig {
  std::vector<std::filesystem::path> log_dirs;
  LogConfig defaults;
  int64_t retention_check_interval_ms = 300000;
  int64_t producer_id_expiration_ms = 86400000;               // a day, as Kafka
  int64_t producer_id_expiration_check_interval_ms = 600000;
  int64_t flush_scheduler_interval_ms = LogConfig::kNever;
  bool flush_on_append = false;
  int32_t direct_write_min_bytes = -1;  // -1: never
  int32_t recovery_threads_per_dir = 1;

  static EngineConfig from(const sdk::ConfigView& broker);
};

}  // namespace skiff::storage
