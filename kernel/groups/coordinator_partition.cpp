// Java's String.hashCode over UTF-16 and Kafka's group-to-partition mapping.
#include "kernel/groups/coordinator_partition.h"

namespace skiff::kernel::groups {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

// Decodes one UTF-8 sequence at s[i]; advances i. Malformed input yields U+FFFD
// and consumes one byte.
uint32_t next_code_point(std::string_view s, size_t& i) {
  auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char b0 = byte(i);
  int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) {
    ++i;
    return len == 1 ? b0 : kReplacement;
  }
  uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1Fu) : len == 3 ? (b0 & 0x0Fu) : (b0 & 0x07u);
  for (int k = 1; k < len; ++k) {
    unsigned char b = byte(i + static_cast<size_t>(k));
    if ((b >> 6) != 0x2) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  i += static_cast<size_t>(len);
  return cp;
}

}  // namespace

int32_t java_string_hash(std::string_view s) {
  uint32_t h = 0;  // unsigned: Java's int overflow wraps
  size_t i = 0;
  while (i < s.size()) {
    uint32_t cp = next_code_point(s, i);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      h = 31 * h + (0xD800 + (cp >> 10));
      h = 31 * h + (0xDC00 + (cp & 0x3FF));
    } else {
      h = 31 * h + cp;
    }
  }
  return static_cast<int32_t>(h);
}

int32_t partition_for(std::string_view group_id, int32_t num_partitions) {
  // Kafka's Utils.abs maps Integer.MIN_VALUE to 0 rather than overflowing.
  int32_t h = java_string_hash(group_id);
  int32_t abs = h == INT32_MIN ? 0 : (h < 0 ? -h : h);
  return abs % num_partitions;
}

}  // namespace skiff::kernel::groups
