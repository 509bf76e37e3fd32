// BatchScanner: walks the batches of a segment's .log file from a start position up
// to an end bound, reading headers through a small read-ahead buffer (and whole
// batches only when asked to verify their CRC). Recovery, index rebuilds, producer
// state rebuilds and reads all locate batches with it. It stops, and says why, at
// the end, at a batch running past the end (a torn write) or at a damaged header.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "file.h"
#include "skiff/sdk/record_batch.h"

namespace skiff::storage {

struct ScannedBatch {
  uint64_t position = 0;
  sdk::RecordBatchHeader header;
  uint64_t end() const { return position + header.size_in_bytes(); }
};

class BatchScanner {
 public:
  enum class Stop { kNone, kEnd, kTruncated, kCorrupt };

  BatchScanner(const File& file, uint64_t start, uint64_t end)
      : file_(file), position_(start), end_(end) {}

  // The next batch, or nullopt when the scan is over (see stop()). With `verify`
  // the whole batch is read and its length, magic and CRC checked.
  std::optional<ScannedBatch> next(bool verify = false);

  // Where the next batch would start: after a stop, the end of the good data.
  uint64_t position() const { return position_; }
  Stop stop() const { return stop_; }
  const std::string& problem() const { return problem_; }

  // The whole batch most recently returned by next(), read on demand.
  std::span<const uint8_t> batch_bytes(const ScannedBatch& batch);

 private:
  // Makes [pos, pos + n) available in buffer_ (n <= end_ - pos), or returns null.
  const uint8_t* fetch(uint64_t pos, std::size_t n);
  std::optional<ScannedBatch> halt(Stop why, std::string problem);

  const File& file_;
  uint64_t position_;
  uint64_t end_;
  std::vector<uint8_t> buffer_;
  uint64_t buffer_start_ = 0;
  Stop stop_ = Stop::kNone;
  std::string problem_;
};

}  // namespace skiff::storage
