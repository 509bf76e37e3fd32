// OffsetIndex: a segment's sparse map from offset to file position (the ".index"
// file). An entry (relative offset int32, position int32) is added for the batch
// that starts at `position` whenever index.interval.bytes have been written since
// the previous entry; a lookup finds the nearest indexed batch at or before an
// offset and the reader scans batch headers forward from there.
#pragma once

#include <cstdint>
#include <optional>

#include "index_file.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

struct OffsetIndexEntry {
  static constexpr std::size_t kSize = 8;
  int32_t relative_offset = 0;  // batch base offset - segment base offset
  uint32_t position = 0;        // byte position of the batch in the .log file

  void encode(uint8_t* out) const {
    sdk::store_be<int32_t>(out, relative_offset);
    sdk::store_be<uint32_t>(out + 4, position);
  }
  static OffsetIndexEntry decode(const uint8_t* in) {
    return {sdk::load_be<int32_t>(in), sdk::load_be<uint32_t>(in + 4)};
  }
};

class OffsetIndex : public IndexFile<OffsetIndexEntry> {
 public:
  struct Position {
    int64_t offset = 0;  // base offset of the batch at `position` (or the segment base)
    uint64_t position = 0;
  };

  OffsetIndex(std::filesystem::path path, int64_t base_offset)
      : IndexFile(std::move(path)), base_offset_(base_offset) {}

  void append(int64_t batch_base_offset, uint64_t position) {
    IndexFile::append(
        {static_cast<int32_t>(batch_base_offset - base_offset_), static_cast<uint32_t>(position)});
  }
  // The last indexed batch starting at or before `offset`; the segment start if none.
  Position lookup(int64_t offset) const {
    return to_position(last_where(
        [&](const OffsetIndexEntry& e) { return base_offset_ + e.relative_offset <= offset; }));
  }
  // The last indexed batch starting at or before `position`.
  Position lookup_position(uint64_t position) const {
    return to_position(
        last_where([&](const OffsetIndexEntry& e) { return e.position <= position; }));
  }
  // Drops entries for batches at or after `offset`.
  void truncate_to_offset(int64_t offset) {
    truncate_from(
        [&](const OffsetIndexEntry& e) { return base_offset_ + e.relative_offset >= offset; });
  }
  // Drops entries for batches at or after `position`.
  void truncate_to_position(uint64_t position) {
    truncate_from([&](const OffsetIndexEntry& e) { return e.position >= position; });
  }
  // Why the entries cannot be trusted for a log of `log_size` bytes, or nullopt.
  std::optional<std::string> problem(uint64_t log_size) const {
    const auto all = entries();
    for (std::size_t i = 0; i < all.size(); ++i) {
      if (all[i].relative_offset < 0 || all[i].position >= log_size) {
        return "entry " + std::to_string(i) + " points outside the segment";
      }
      if (i > 0 && (all[i].relative_offset <= all[i - 1].relative_offset ||
                    all[i].position <= all[i - 1].position)) {
        return "entry " + std::to_string(i) + " is out of order";
      }
    }
    return std::nullopt;
  }

 private:
  Position to_position(const std::optional<OffsetIndexEntry>& e) const {
    if (!e) return {base_offset_, 0};
    return {base_offset_ + e->relative_offset, e->position};
  }

  int64_t base_offset_;
};

}  // namespace skiff::storage
