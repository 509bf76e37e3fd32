// Small value types shared by every extension point: topic-partitions, UUIDs and
// zero-copy file slices.
#pragma once

#include <compare>
#include <cstdint>
#include <memory>
#include <string>

namespace skiff::sdk {

struct TopicPartition {
  std::string topic;
  int32_t partition = 0;
  auto operator<=>(const TopicPartition&) const = default;
};

// Kafka's 128-bit UUID (topic ids). All-zero is Kafka's "no id".
struct Uuid {
  uint64_t high = 0;
  uint64_t low = 0;
  bool is_zero() const { return high == 0 && low == 0; }
  auto operator<=>(const Uuid&) const = default;
};

// A byte range of an open file that the kernel may send with sendfile(2).
// `keepalive` keeps the descriptor open (e.g. a segment deleted by retention
// while a fetch response is still being written).
struct FileSlice {
  int fd = -1;
  uint64_t offset = 0;
  uint32_t length = 0;
  std::shared_ptr<const void> keepalive;
};

}  // namespace skiff::sdk
