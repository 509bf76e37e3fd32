// Manual replica assignment checks; see replica_assignment.h.
#include "kernel/server/replica_assignment.h"

#include <algorithm>

namespace skiff::kernel::server {

AssignmentCheck check_partition_assignment(const std::vector<int32_t>& replicas,
                                           int32_t expected_replicas,
                                           const std::vector<int32_t>& registered,
                                           int32_t node_id) {
  auto fail = [](std::string message) {
    return AssignmentCheck{sdk::ErrorCode::kInvalidReplicaAssignment, std::move(message)};
  };
  if (replicas.empty()) {
    return fail("The manual partition assignment includes an empty replica list.");
  }
  std::vector<int32_t> sorted = replicas;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (std::find(registered.begin(), registered.end(), sorted[i]) == registered.end()) {
      return fail("The manual partition assignment includes broker " + std::to_string(sorted[i]) +
                  ", but no broker with that ID is registered.");
    }
    if (i > 0 && sorted[i] == sorted[i - 1]) {
      return fail("The manual partition assignment includes the broker " +
                  std::to_string(sorted[i]) + " more than once.");
    }
  }
  if (expected_replicas >= 0 && static_cast<int32_t>(sorted.size()) != expected_replicas) {
    return fail("The manual partition assignment includes a partition with " +
                std::to_string(sorted.size()) +
                " replica(s), but this is not consistent with previous partitions, which have " +
                std::to_string(expected_replicas) + " replica(s).");
  }
  if (sorted.size() != 1 || sorted.front() != node_id) {
    return fail("Every replica is placed on this node, so the only possible assignment is [" +
                std::to_string(node_id) + "].");
  }
  return {};
}

}  // namespace skiff::kernel::server
