// TimeIndex: a segment's sparse map from timestamp to offset (the ".timeindex"
// file). Entries (timestamp int64, relative offset int32) are strictly increasing in
// timestamp: each records the largest batch timestamp seen so far and the base
// offset of the first batch that reached it, so every batch before that offset has
// a smaller timestamp. A final entry is added when the segment is sealed, which
// makes the last entry the segment's largest timestamp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "index_file.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

struct TimeIndexEntry {
  static constexpr std::size_t kSize = 12;
  int64_t timestamp = 0;
  int32_t relative_offset = 0;

  void encode(uint8_t* out) const {
    sdk::store_be<int64_t>(out, timestamp);
    sdk::store_be<int32_t>(out + 8, relative_offset);
  }
  static TimeIndexEntry decode(const uint8_t* in) {
    return {sdk::load_be<int64_t>(in), sdk::load_be<int32_t>(in + 8)};
  }
};

class TimeIndex : public IndexFile<TimeIndexEntry> {
 public:
  TimeIndex(std::filesystem::path path, int64_t base_offset)
      : IndexFile(std::move(path)), base_offset_(base_offset) {}

  // Adds (timestamp, offset) unless it would not raise the largest timestamp.
  void maybe_append(int64_t timestamp, int64_t offset) {
    auto tail = last();
    if (tail && timestamp <= tail->timestamp) return;
    IndexFile::append({timestamp, static_cast<int32_t>(offset - base_offset_)});
  }
  // Where to start scanning for the first batch with max timestamp >= `timestamp`:
  // the offset of the last entry with a timestamp <= it, else the segment base.
  int64_t lookup(int64_t timestamp) const {
    auto e = last_where([&](const TimeIndexEntry& x) { return x.timestamp <= timestamp; });
    return e ? base_offset_ + e->relative_offset : base_offset_;
  }
  void truncate_to_offset(int64_t offset) {
    truncate_from(
        [&](const TimeIndexEntry& e) { return base_offset_ + e.relative_offset >= offset; });
  }
  // Why the entries cannot be trusted for a segment ending before `next_offset`.
  std::optional<std::string> problem(int64_t next_offset) const {
    const auto all = entries();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].relative_offset < 0 || base_offset_ + all[i].relative_offset >= next_offset) {
        return "entry " + std::to_string(i) + " points outside the segment";
      }
      if (i > 0 && (all[i].timestamp <= all[i - 1].timestamp ||
                    all[i].relative_offset < all[i - 1].relative_offset)) {
        return "entry " + std::to_string(i) + " is out of order";
      }
    }
    return std::nullopt;
  }

 private:
  int64_t base_offset_;
};

}  // namespace skiff::storage
