// Loading a partition directory into a ready-to-use log state:
//   - stray files from interrupted work are removed (temp files, indexes whose
//     .log is gone);
//   - segments are listed, not opened, except the last one;
//   - after a clean shutdown (marker present) the last segment's indexes are
//     trusted once they pass a sanity check and only the batches after its last
//     index entry are scanned; otherwise (or if that scan finds a torn batch) the
//     last segment is recovered: every batch CRC-checked, the torn tail cut off,
//     indexes rebuilt. Older segments need no recovery: a segment is fsynced before
//     its successor is created;
//   - the log start offset, leader epochs and producer state are restored and
//     made consistent with the (possibly shorter) log.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <vector>

#include "leader_epoch_cache.h"
#include "log_config.h"
#include "producer_state.h"
#include "recovery_limiter.h"
#include "segment.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/types.h"

namespace skiff::storage {

struct LoadedLog {
  std::vector<std::shared_ptr<Segment>> segments;  // by base offset; never empty
  int64_t log_start_offset = 0;
  int64_t log_end_offset = 0;
  std::unique_ptr<LeaderEpochCache> epochs;
  ProducerStateManager producers;
  bool recovered = false;  // the last segment went through crash recovery
};

struct LoadRequest {
  std::filesystem::path dir;
  sdk::TopicPartition partition;
  LogConfig config;
  sdk::Logger* logger = nullptr;
  RecoveryLimiter* limiter = nullptr;
};

// Creates the directory if needed. Throws StorageError naming the path on failure.
LoadedLog load_log(const LoadRequest& request);

}  // namespace skiff::storage
