// Rebuilding a partition's producer state: load the newest snapshot that is not
// past a limit (damaged snapshots are deleted and the next older one tried), then
// replay the batch headers from the snapshot's offset to the log end. Only headers
// are read, plus the single record of each control batch (its marker type).
// Snapshots beyond the log end (left by a truncation) are deleted.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <vector>

#include "producer_state.h"
#include "segment.h"
#include "skiff/sdk/log.h"

namespace skiff::storage {

struct ProducerStateRestore {
  std::filesystem::path dir;
  const std::vector<std::shared_ptr<Segment>>* segments = nullptr;
  int64_t log_end_offset = 0;
  // Newest offset a snapshot may have: the log end after a clean shutdown; the last
  // segment's base when that segment was recovered (so its markers are replayed).
  int64_t snapshot_limit = 0;
  sdk::Logger* logger = nullptr;
  // Hears each transaction a replayed marker completes, with the marker's segment.
  std::function<void(Segment&, const CompletedTxn&)> on_completed;
};

// Returns the offset replay started from.
int64_t restore_producer_state(const ProducerStateRestore& request,
                               ProducerStateManager& producers);

// Keeps the `keep` newest snapshots of `dir`.
void prune_producer_snapshots(const std::filesystem::path& dir, std::size_t keep);

}  // namespace skiff::storage
