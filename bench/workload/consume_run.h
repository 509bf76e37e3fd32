// One consumer reading partitions from the beginning to their end (high watermark
// at the time it gets there), with explicit partition assignment and no consumer
// group: librdkafka's partition consumer (consume_start_queue), which is what
// assign() does without a group's coordinator.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace skiff::bench {

struct ConsumeResult {
  uint64_t records = 0;
  uint64_t bytes = 0;   // payload bytes
  double seconds = 0;   // start to the last partition's end
  bool complete = false;

  double mib_per_s() const;
};

// The librdkafka settings the consumer uses (printed with the figures).
std::map<std::string, std::string> consumer_settings();

ConsumeResult consume_to_end(const std::string& bootstrap, const std::string& topic,
                             const std::vector<int32_t>& partitions, double timeout_s);

}  // namespace skiff::bench
