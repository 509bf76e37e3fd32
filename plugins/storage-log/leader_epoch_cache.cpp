#include "leader_epoch_cache.h"

#include <algorithm>

#include "checkpoint_file.h"
#include "storage_error.h"

namespace skiff::storage {

namespace {
constexpr int kCheckpointVersion = 0;
}  // namespace

bool LeaderEpochCache::load() {
  auto entries = read_checkpoint(file_, kCheckpointVersion, 2);
  std::lock_guard lock(mu_);
  entries_.clear();
  if (!entries) return false;
  for (const auto& e : *entries) {
    EpochEntry entry{static_cast<int32_t>(e[0]), e[1]};
    if (!entries_.empty() && (entry.epoch <= entries_.back().epoch ||
                              entry.start_offset < entries_.back().start_offset)) {
      entries_.clear();
      throw_corrupt(file_, "epochs out of order");
    }
    entries_.push_back(entry);
  }
  return true;
}

void LeaderEpochCache::save() {
  std::lock_guard lock(mu_);
  persist_locked();
}

void LeaderEpochCache::assign(int32_t epoch, int64_t start_offset) {
  if (epoch < 0) return;
  std::lock_guard lock(mu_);
  if (!entries_.empty() && epoch <= entries_.back().epoch) return;
  std::erase_if(entries_, [&](const EpochEntry& e) { return e.start_offset >= start_offset; });
  entries_.push_back({epoch, start_offset});
  persist_locked();
}

std::optional<EpochEntry> LeaderEpochCache::latest() const {
  std::lock_guard lock(mu_);
  if (entries_.empty()) return std::nullopt;
  return entries_.back();
}

std::vector<EpochEntry> LeaderEpochCache::entries() const {
  std::lock_guard lock(mu_);
  return entries_;
}

EpochEntry LeaderEpochCache::end_offset_for(int32_t requested, int64_t log_end_offset) const {
  std::lock_guard lock(mu_);
  if (entries_.empty() || requested < 0) return {-1, -1};
  if (requested == entries_.back().epoch) return {requested, log_end_offset};
  auto higher = std::upper_bound(entries_.begin(), entries_.end(), requested,
                                 [](int32_t r, const EpochEntry& e) { return r < e.epoch; });
  if (higher == entries_.end()) return {-1, -1};
  if (higher == entries_.begin()) return {requested, higher->start_offset};
  return {(higher - 1)->epoch, higher->start_offset};
}

void LeaderEpochCache::truncate_from_end(int64_t end_offset) {
  std::lock_guard lock(mu_);
  auto before = entries_.size();
  std::erase_if(entries_, [&](const EpochEntry& e) { return e.start_offset >= end_offset; });
  if (entries_.size() != before) persist_locked();
}

void LeaderEpochCache::truncate_from_start(int64_t start_offset) {
  std::lock_guard lock(mu_);
  // The last entry starting at or below start_offset covers it; earlier ones go.
  auto covering =
      std::upper_bound(entries_.begin(), entries_.end(), start_offset,
                       [](int64_t o, const EpochEntry& e) { return o < e.start_offset; });
  if (covering == entries_.begin()) return;
  --covering;
  bool changed = covering != entries_.begin() || covering->start_offset != start_offset;
  if (!changed) return;
  covering->start_offset = start_offset;
  entries_.erase(entries_.begin(), covering);
  persist_locked();
}

void LeaderEpochCache::persist_locked() {
  CheckpointEntries out;
  for (const auto& e : entries_) out.push_back({e.epoch, e.start_offset});
  write_checkpoint(file_, kCheckpointVersion, out);
}

}  // namespace skiff::storage
