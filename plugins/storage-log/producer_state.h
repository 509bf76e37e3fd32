// ProducerStateManager: what a partition remembers about idempotent and
// transactional producers, to reject or deduplicate their retries:
//   - per producer id: its epoch, the (first seq, last seq, offsets) of its last 5
//     batches, and the first offset of its ongoing transaction;
//   - the ongoing transactions, whose smallest first offset bounds the last stable
//     offset.
// Sequence rules (Kafka 3.x):
//   - a batch equal (epoch, first and last sequence) to one of the last 5 is a
//     duplicate: the append succeeds with the original offsets and writes nothing;
//   - an epoch older than the producer's current one: INVALID_PRODUCER_EPOCH;
//   - a newer epoch of a known producer must start at sequence 0, else
//     OUT_OF_ORDER_SEQUENCE_NUMBER;
//   - the same epoch must continue at last sequence + 1 (wrapping after INT32_MAX),
//     else OUT_OF_ORDER_SEQUENCE_NUMBER;
//   - an unknown producer id is accepted at any sequence: its state may have been
//     removed with the data (retention, DeleteRecords) and Kafka >= 2.5 (KIP-360)
//     no longer answers UNKNOWN_PRODUCER_ID there.
// Not thread-safe: the partition calls it under its append lock.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "skiff/sdk/error_code.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

struct ProducerBatch {
  int32_t first_seq = 0;
  int32_t last_seq = 0;
  int64_t first_offset = 0;
  int64_t last_offset = 0;
  int64_t timestamp = -1;
};

struct ProducerEntry {
  int64_t producer_id = -1;
  int16_t epoch = sdk::batch::kNoProducerEpoch;
  int64_t last_timestamp = -1;
  int64_t txn_first_offset = -1;      // first offset of the ongoing transaction, or -1
  std::deque<ProducerBatch> batches;  // the most recent last, at most kMaxBatches

  const ProducerBatch* find_duplicate(int32_t first_seq, int32_t last_seq) const;
};

// A transaction ended by a marker batch.
struct CompletedTxn {
  int64_t producer_id = 0;
  int64_t first_offset = 0;
  int64_t last_offset = 0;  // the marker
  bool aborted = false;
};

class ProducerStateManager {
 public:
  static constexpr std::size_t kMaxBatches = 5;

  struct Verdict {
    sdk::ErrorCode error = sdk::ErrorCode::kNone;
    std::string message;
    std::optional<ProducerBatch> duplicate;  // set: answer with these offsets, write nothing
  };

  // Checks one request's batches, in order, without changing any state (their
  // offsets are not assigned yet).
  Verdict check(std::span<const sdk::RecordBatchHeader> batches) const;

  // Records a batch stored at its final offsets. `marker` is the type of a control
  // batch's record; the transaction it ends is returned.
  std::optional<CompletedTxn> apply(const sdk::RecordBatchHeader& batch,
                                    std::optional<sdk::ControlRecordType> marker);

  // The smallest first offset of an ongoing transaction.
  std::optional<int64_t> first_unstable_offset() const;

  // Forgets producers silent for `expiration_ms` (by their last batch's timestamp,
  // as Kafka's producer.id.expiration.ms) unless they have a transaction open.
  // Returns how many were removed.
  std::size_t remove_expired(int64_t now_ms, int64_t expiration_ms);

  std::vector<ProducerEntry> entries() const;
  void load(std::vector<ProducerEntry> entries);
  void clear();
  std::size_t size() const { return producers_.size(); }
  const ProducerEntry* find(int64_t producer_id) const;

 private:
  using Producers = std::unordered_map<int64_t, ProducerEntry>;
  // The rules, applied to an entry of the real map or of a scratch copy.
  static Verdict check_one(const sdk::RecordBatchHeader& batch, const ProducerEntry& entry);
  static std::optional<CompletedTxn> update(ProducerEntry& entry,
                                            const sdk::RecordBatchHeader& batch,
                                            std::optional<sdk::ControlRecordType> marker);

  Producers producers_;
  std::multimap<int64_t, int64_t> ongoing_;  // txn first offset -> producer id
};

}  // namespace skiff::storage
