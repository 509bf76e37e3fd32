#include "producer_state_loader.h"

#include <algorithm>

#include "producer_snapshot.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {

void remove_quietly(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
}

// Loads the newest usable snapshot at or below `limit`; returns its offset.
std::optional<int64_t> load_snapshot(const ProducerStateRestore& r,
                                     ProducerStateManager& producers) {
  auto snapshots = list_producer_snapshots(r.dir);
  for (auto it = snapshots.rbegin(); it != snapshots.rend(); ++it) {
    if (it->first > r.log_end_offset) {
      remove_quietly(it->second);  // describes data that is gone
      continue;
    }
    if (it->first > r.snapshot_limit) continue;
    try {
      producers.load(read_producer_snapshot(it->second));
      return it->first;
    } catch (const StorageError& e) {
      if (r.logger) r.logger->warn(std::string(e.what()) + "; deleting it");
      remove_quietly(it->second);
    }
  }
  return std::nullopt;
}

}  // namespace

int64_t restore_producer_state(const ProducerStateRestore& r, ProducerStateManager& producers) {
  producers.clear();
  const auto& segments = *r.segments;
  auto snapshot = load_snapshot(r, producers);
  int64_t from = snapshot.value_or(segments.empty() ? 0 : segments.front()->base_offset());
  if (from >= r.log_end_offset || segments.empty()) return from;

  for (std::size_t i = find_segment(segments, from); i < segments.size(); ++i) {
    Segment& segment = *segments[i];
    bool more = true;
    segment.for_each_batch(from, [&](const ScannedBatch& batch, BatchScanner& scanner) {
      const auto& h = batch.header;
      if (h.base_offset >= r.log_end_offset) return more = false;
      if (!h.has_producer_id()) return true;
      std::optional<sdk::ControlRecordType> marker;
      if (h.control()) {
        sdk::for_each_record(scanner.batch_bytes(batch), [&](const sdk::RecordView& record) {
          marker = sdk::control_record_type(record);
          return false;
        });
      }
      auto done = producers.apply(h, marker);
      if (done && r.on_completed) r.on_completed(segment, *done);
      return true;
    });
    if (!more) break;
  }
  return from;
}

void prune_producer_snapshots(const std::filesystem::path& dir, std::size_t keep) {
  auto snapshots = list_producer_snapshots(dir);
  while (snapshots.size() > keep) {
    remove_quietly(snapshots.begin()->second);
    snapshots.erase(snapshots.begin());
  }
}

}  // namespace skiff::storage
