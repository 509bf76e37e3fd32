// What the group coordinator keeps durably, per coordinator partition: committed
// offsets and group metadata (generation, protocol, members with their
// subscription and assignment), the equivalent of Kafka's __consumer_offsets
// records. Encoded by record_codec.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kernel/groups/group_types.h"

namespace skiff::kernel::groups {

struct StoredOffset {
  int64_t offset = 0;
  int32_t leader_epoch = -1;
  std::string metadata;
  int64_t commit_timestamp_ms = 0;
  int64_t expire_timestamp_ms = -1;  // OffsetCommit v2-4 retention time; -1: broker default
  bool operator==(const StoredOffset&) const = default;
};

struct StoredMember {
  std::string member_id;
  std::optional<std::string> group_instance_id;
  std::string client_id;
  std::string client_host;
  int32_t rebalance_timeout_ms = 0;
  int32_t session_timeout_ms = 0;
  Bytes subscription;  // metadata of the group's selected protocol
  Bytes assignment;
  bool operator==(const StoredMember&) const = default;
};

struct StoredGroup {
  std::string protocol_type;  // empty: none (a group used only for offsets)
  int32_t generation_id = 0;
  std::optional<std::string> protocol_name;
  std::optional<std::string> leader;
  int64_t state_timestamp_ms = 0;  // when the group entered its current state
  std::vector<StoredMember> members;
  bool operator==(const StoredGroup&) const = default;
};

}  // namespace skiff::kernel::groups
