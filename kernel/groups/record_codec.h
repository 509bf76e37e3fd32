// Byte encodings of what the offset store keeps. Keys sort by coordinator
// partition, then group, then topic and partition, so one partition's (or one
// group's) records are a contiguous key range that can be loaded, scanned or
// handed to another coordinator on its own. Values start with a version.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kernel/groups/stored_records.h"

namespace skiff::kernel::groups {

// Group ids and topic names longer than this do not fit LMDB's key size limit
// (511 bytes) together; longer group ids are refused as INVALID_GROUP_ID.
inline constexpr size_t kMaxGroupIdBytes = 249;
inline constexpr size_t kMaxTopicNameBytes = 249;

struct OffsetKey {
  int32_t coordinator_partition = 0;
  std::string group;
  std::string topic;
  int32_t partition = 0;
};

std::string partition_prefix(int32_t coordinator_partition);
// The key of a group's metadata; also the prefix of all its offsets.
std::string group_key(int32_t coordinator_partition, std::string_view group);
std::string offset_key(const OffsetKey& key);
// Throw protocol::DecodeError on malformed bytes.
OffsetKey decode_offset_key(std::string_view key);
// The group id in a group_key().
std::string decode_group_key(std::string_view key);

std::string encode_offset(const StoredOffset& offset);
StoredOffset decode_offset(std::string_view bytes);
std::string encode_group(const StoredGroup& group);
StoredGroup decode_group(std::string_view bytes);

}  // namespace skiff::kernel::groups
