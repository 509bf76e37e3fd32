#include "kernel/metrics/group_offsets_source.h"

#include <optional>

#include "kernel/groups/group_coordinator.h"

namespace skiff::kernel::metrics {

CommittedOffsets committed_offsets_of(groups::GroupCoordinator& coordinator) {
  return [&coordinator] {
    std::vector<CommittedOffset> out;
    for (const auto& group : coordinator.list_groups().groups) {
      auto fetched = coordinator.fetch_offsets(group.group_id, std::nullopt);
      if (fetched.error != sdk::ErrorCode::kNone) continue;
      for (const auto& o : fetched.offsets) {
        if (o.offset) out.push_back({group.group_id, {o.topic, o.partition}, o.offset->offset});
      }
    }
    return out;
  };
}

}  // namespace skiff::kernel::metrics
