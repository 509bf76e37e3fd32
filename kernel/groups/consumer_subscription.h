// Reads the topics out of a "consumer" protocol member's metadata (Kafka's
// ConsumerProtocolSubscription, prefixed by its int16 version), so the coordinator
// knows which topics a group consumes: offsets of other topics may expire while
// the group is active, and OffsetDelete refuses subscribed ones.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "kernel/groups/group_types.h"

namespace skiff::kernel::groups {

inline constexpr std::string_view kConsumerProtocolType = "consumer";

// nullopt when the bytes are not a subscription.
std::optional<std::set<std::string>> subscribed_topics(const Bytes& metadata);

}  // namespace skiff::kernel::groups
