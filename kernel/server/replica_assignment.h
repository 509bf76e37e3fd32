// Checks manual replica assignments (CreateTopics' Assignments, CreatePartitions'
// Assignments) with Kafka's controller messages. Skiff places every replica on this
// node, so the only assignment it can honor is [node_id] for each partition.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "skiff/sdk/error_code.h"

namespace skiff::kernel::server {

struct AssignmentCheck {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::string message;
  bool ok() const { return error == sdk::ErrorCode::kNone; }
};

// One partition's replicas. `expected_replicas` (-1 when unknown) is the replication
// factor of the partitions checked before it; `registered` the known broker ids.
AssignmentCheck check_partition_assignment(const std::vector<int32_t>& replicas,
                                           int32_t expected_replicas,
                                           const std::vector<int32_t>& registered,
                                           int32_t node_id);

}  // namespace skiff::kernel::server
