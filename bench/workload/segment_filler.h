// Fills a topic with small segments: parallel producers (one connection each, so
// the broker appends, and rolls, on several threads) write until the broker's data
// directory holds the wanted number of segment files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace skiff::bench {

struct SegmentFill {
  std::string bootstrap;
  std::string topic;
  int partitions = 100;
  int producers = 8;
  int batch_bytes = 16384;  // about one segment per batch with segment.bytes=16384
  std::filesystem::path data_dir;
  uint64_t target_segments = 10000;
  double timeout_s = 120;
};

// `.log` files under `dir`.
uint64_t count_segments(const std::filesystem::path& dir);

// Returns the number of segments reached (>= target unless the timeout struck).
uint64_t fill_segments(const SegmentFill& fill);

}  // namespace skiff::bench
