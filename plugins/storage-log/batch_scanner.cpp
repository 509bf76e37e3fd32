#include "batch_scanner.h"

#include <algorithm>

namespace skiff::storage {

namespace {
// Enough for a run of small batches per read; large batches cost one read each.
constexpr std::size_t kReadAhead = 16 * 1024;
}  // namespace

const uint8_t* BatchScanner::fetch(uint64_t pos, std::size_t n) {
  if (pos >= buffer_start_ && pos + n <= buffer_start_ + buffer_.size()) {
    return buffer_.data() + (pos - buffer_start_);
  }
  std::size_t want =
      static_cast<std::size_t>(std::min<uint64_t>(std::max(n, kReadAhead), end_ - pos));
  buffer_.resize(want);
  buffer_start_ = pos;
  std::size_t got = file_.read_at(pos, buffer_.data(), want);
  buffer_.resize(got);
  return got >= n ? buffer_.data() : nullptr;
}

std::optional<ScannedBatch> BatchScanner::halt(Stop why, std::string problem) {
  stop_ = why;
  problem_ = std::move(problem);
  return std::nullopt;
}

std::optional<ScannedBatch> BatchScanner::next(bool verify) {
  if (stop_ != Stop::kNone) return std::nullopt;
  if (position_ >= end_) return halt(Stop::kEnd, {});
  uint64_t left = end_ - position_;
  if (left < sdk::batch::kHeaderSize) {
    return halt(Stop::kTruncated, std::to_string(left) + " bytes at " + std::to_string(position_) +
                                      " are not a whole batch header");
  }
  const uint8_t* p = fetch(position_, sdk::batch::kHeaderSize);
  if (!p)
    return halt(Stop::kTruncated,
                "file ends inside the batch header at " + std::to_string(position_));
  ScannedBatch batch{position_, sdk::RecordBatchHeader::parse(p)};
  if (batch.header.batch_length < sdk::batch::kMinBatchLength) {
    return halt(Stop::kCorrupt, "batch at " + std::to_string(position_) + " has length " +
                                    std::to_string(batch.header.batch_length));
  }
  if (batch.header.magic != sdk::batch::kMagicV2) {
    return halt(Stop::kCorrupt, "batch at " + std::to_string(position_) + " has magic " +
                                    std::to_string(batch.header.magic));
  }
  if (batch.header.size_in_bytes() > left) {
    return halt(Stop::kTruncated, "batch at " + std::to_string(position_) + " of " +
                                      std::to_string(batch.header.size_in_bytes()) +
                                      " bytes runs past the end (" + std::to_string(left) +
                                      " bytes left)");
  }
  if (verify) {
    auto bytes = batch_bytes(batch);
    if (bytes.empty())
      return halt(Stop::kTruncated, "file ends inside the batch at " + std::to_string(position_));
    if (sdk::compute_batch_crc(bytes) != batch.header.crc) {
      return halt(Stop::kCorrupt, "batch at " + std::to_string(position_) + " fails its CRC");
    }
  }
  position_ = batch.end();
  return batch;
}

std::span<const uint8_t> BatchScanner::batch_bytes(const ScannedBatch& batch) {
  auto n = static_cast<std::size_t>(batch.header.size_in_bytes());
  const uint8_t* p = fetch(batch.position, n);
  if (!p) return {};
  return {p, n};
}

}  // namespace skiff::storage
