#include "producer_state.h"

namespace skiff::storage {

namespace {

bool in_sequence(int32_t last_seq, int32_t next_seq) {
  return next_seq == static_cast<int32_t>(static_cast<int64_t>(last_seq) + 1) ||
         (next_seq == 0 && last_seq == INT32_MAX);
}

}  // namespace

const ProducerBatch* ProducerEntry::find_duplicate(int32_t first_seq, int32_t last_seq) const {
  for (const auto& b : batches) {
    if (b.first_seq == first_seq && b.last_seq == last_seq) return &b;
  }
  return nullptr;
}

ProducerStateManager::Verdict ProducerStateManager::check_one(const sdk::RecordBatchHeader& batch,
                                                              const ProducerEntry& entry) {
  const auto pid = std::to_string(batch.producer_id);
  bool known = entry.epoch != sdk::batch::kNoProducerEpoch;
  if (known && batch.producer_epoch < entry.epoch) {
    return {
        batch.control() ? sdk::ErrorCode::kProducerFenced : sdk::ErrorCode::kInvalidProducerEpoch,
        "producer " + pid + " epoch " + std::to_string(batch.producer_epoch) +
            " is older than its current epoch " + std::to_string(entry.epoch),
        std::nullopt};
  }
  if (batch.control()) return {};
  if (batch.producer_epoch == entry.epoch) {
    if (const auto* dup = entry.find_duplicate(batch.base_sequence, batch.last_sequence())) {
      return {sdk::ErrorCode::kNone, {}, *dup};
    }
  }
  if (!known) return {};
  int32_t last_seq =
      entry.batches.empty() ? sdk::batch::kNoSequence : entry.batches.back().last_seq;
  bool new_epoch = batch.producer_epoch != entry.epoch;
  if (new_epoch ? batch.base_sequence != 0 : !in_sequence(last_seq, batch.base_sequence)) {
    return {sdk::ErrorCode::kOutOfOrderSequenceNumber,
            "producer " + pid + " epoch " + std::to_string(batch.producer_epoch) + ": sequence " +
                std::to_string(batch.base_sequence) +
                (new_epoch ? " does not start the new epoch at 0"
                           : " does not follow " + std::to_string(last_seq)),
            std::nullopt};
  }
  return {};
}

ProducerStateManager::Verdict ProducerStateManager::check(
    std::span<const sdk::RecordBatchHeader> batches) const {
  Producers scratch;  // state as it would be after the earlier batches of this request
  for (const auto& batch : batches) {
    if (!batch.has_producer_id()) continue;
    auto it = scratch.find(batch.producer_id);
    if (it == scratch.end()) {
      auto real = producers_.find(batch.producer_id);
      ProducerEntry fresh;
      fresh.producer_id = batch.producer_id;
      it =
          scratch.emplace(batch.producer_id, real != producers_.end() ? real->second : fresh).first;
    }
    auto verdict = check_one(batch, it->second);
    if (verdict.error != sdk::ErrorCode::kNone || verdict.duplicate) return verdict;
    update(it->second, batch, std::nullopt);
  }
  return {};
}

std::optional<CompletedTxn> ProducerStateManager::update(
    ProducerEntry& entry, const sdk::RecordBatchHeader& batch,
    std::optional<sdk::ControlRecordType> marker) {
  if (batch.producer_epoch != entry.epoch) {
    entry.epoch = batch.producer_epoch;
    entry.batches.clear();
  }
  entry.last_timestamp = batch.max_timestamp;
  if (batch.control()) {
    if (!marker) return std::nullopt;
    CompletedTxn done{batch.producer_id,
                      entry.txn_first_offset >= 0 ? entry.txn_first_offset : batch.base_offset,
                      batch.base_offset, *marker == sdk::ControlRecordType::kAbort};
    entry.txn_first_offset = -1;
    return done;
  }
  if (batch.base_sequence != sdk::batch::kNoSequence) {
    entry.batches.push_back({batch.base_sequence, batch.last_sequence(), batch.base_offset,
                             batch.last_offset(), batch.max_timestamp});
    while (entry.batches.size() > kMaxBatches) entry.batches.pop_front();
  }
  if (batch.transactional() && entry.txn_first_offset < 0)
    entry.txn_first_offset = batch.base_offset;
  return std::nullopt;
}

std::optional<CompletedTxn> ProducerStateManager::apply(
    const sdk::RecordBatchHeader& batch, std::optional<sdk::ControlRecordType> marker) {
  if (!batch.has_producer_id()) return std::nullopt;
  auto [it, inserted] = producers_.try_emplace(batch.producer_id);
  ProducerEntry& entry = it->second;
  if (inserted) entry.producer_id = batch.producer_id;
  int64_t before = entry.txn_first_offset;
  auto done = update(entry, batch, marker);
  if (before != entry.txn_first_offset) {
    if (before >= 0) {
      auto range = ongoing_.equal_range(before);
      for (auto o = range.first; o != range.second; ++o) {
        if (o->second == batch.producer_id) {
          ongoing_.erase(o);
          break;
        }
      }
    }
    if (entry.txn_first_offset >= 0) ongoing_.emplace(entry.txn_first_offset, batch.producer_id);
  }
  return done;
}

std::optional<int64_t> ProducerStateManager::first_unstable_offset() const {
  if (ongoing_.empty()) return std::nullopt;
  return ongoing_.begin()->first;
}

std::size_t ProducerStateManager::remove_expired(int64_t now_ms, int64_t expiration_ms) {
  return std::erase_if(producers_, [&](const auto& item) {
    const ProducerEntry& entry = item.second;
    return entry.txn_first_offset < 0 && now_ms - entry.last_timestamp >= expiration_ms;
  });
}

std::vector<ProducerEntry> ProducerStateManager::entries() const {
  std::vector<ProducerEntry> out;
  out.reserve(producers_.size());
  for (const auto& [pid, entry] : producers_) out.push_back(entry);
  return out;
}

void ProducerStateManager::load(std::vector<ProducerEntry> entries) {
  clear();
  for (auto& e : entries) {
    if (e.txn_first_offset >= 0) ongoing_.emplace(e.txn_first_offset, e.producer_id);
    int64_t pid = e.producer_id;
    producers_[pid] = std::move(e);
  }
}

void ProducerStateManager::clear() {
  producers_.clear();
  ongoing_.clear();
}

const ProducerEntry* ProducerStateManager::find(int64_t producer_id) const {
  auto it = producers_.find(producer_id);
  return it == producers_.end() ? nullptr : &it->second;
}

}  // namespace skiff::storage
