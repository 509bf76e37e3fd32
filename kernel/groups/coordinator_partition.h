// Which coordinator partition a group belongs to: Kafka's
// Utils.abs(groupId.hashCode) % offsets.topic.num.partitions, with Java's String
// hashCode over UTF-16 code units, so a group lands on the partition Kafka would
// put it in. A later multi-node coordinator owns groups by these partitions.
#pragma once

#include <cstdint>
#include <string_view>

namespace skiff::kernel::groups {

// java.lang.String.hashCode of the UTF-8 string `s` (decoded to UTF-16; invalid
// bytes count as U+FFFD, as Java's decoder would replace them).
int32_t java_string_hash(std::string_view s);

int32_t partition_for(std::string_view group_id, int32_t num_partitions);

}  // namespace skiff::kernel::groups
