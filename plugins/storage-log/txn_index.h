// TxnIndex: a segment's list of aborted transactions (the ".txnindex" file), one
// entry per ABORT marker stored in the segment: (producer id, first offset of the
// transaction, offset of the marker, last stable offset at the time). Fetches at
// read_committed use it to tell consumers which records to drop. The file exists
// only once a segment has had an abort.
#pragma once

#include <cstdint>
#include <vector>

#include "index_file.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

struct AbortedTxnEntry {
  static constexpr std::size_t kSize = 34;
  static constexpr int16_t kVersion = 0;
  int64_t producer_id = 0;
  int64_t first_offset = 0;
  int64_t last_offset = 0;  // the ABORT marker
  int64_t last_stable_offset = 0;

  void encode(uint8_t* out) const {
    sdk::store_be<int16_t>(out, kVersion);
    sdk::store_be<int64_t>(out + 2, producer_id);
    sdk::store_be<int64_t>(out + 10, first_offset);
    sdk::store_be<int64_t>(out + 18, last_offset);
    sdk::store_be<int64_t>(out + 26, last_stable_offset);
  }
  static AbortedTxnEntry decode(const uint8_t* in) {
    return {sdk::load_be<int64_t>(in + 2), sdk::load_be<int64_t>(in + 10),
            sdk::load_be<int64_t>(in + 18), sdk::load_be<int64_t>(in + 26)};
  }
};

class TxnIndex : public IndexFile<AbortedTxnEntry> {
 public:
  using IndexFile::IndexFile;

  // Aborted transactions overlapping [from, upper): ended at or after `from` and
  // begun before `upper`.
  std::vector<AbortedTxnEntry> overlapping(int64_t from, int64_t upper) const {
    std::vector<AbortedTxnEntry> out;
    for (const auto& e : entries()) {
      if (e.last_offset >= from && e.first_offset < upper) out.push_back(e);
    }
    return out;
  }
  // Drops aborts whose marker is at or after `offset` (they are appended in order).
  void truncate_to_offset(int64_t offset) {
    truncate_from([&](const AbortedTxnEntry& e) { return e.last_offset >= offset; });
  }
};

}  // namespace skiff::storage
