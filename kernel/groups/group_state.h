// The classic group's states, named as Kafka names them on the wire (ListGroups,
// DescribeGroups):
//   Empty -> PreparingRebalance -> CompletingRebalance -> Stable, any -> Dead.
#pragma once

#include <optional>
#include <string_view>

namespace skiff::kernel::groups {

enum class GroupState { kEmpty, kPreparingRebalance, kCompletingRebalance, kStable, kDead };

std::string_view to_string(GroupState state);
// Case-insensitive, as ListGroups' states filter is matched.
std::optional<GroupState> parse_group_state(std::string_view name);

}  // namespace skiff::kernel::groups
