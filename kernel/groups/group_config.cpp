// Declaration and reading of the group coordinator's config keys.
#include "kernel/groups/group_config.h"

#include "skiff/sdk/config_key_builder.h"

namespace skiff::kernel::groups {

using sdk::ConfigType;
using K = sdk::ConfigKeyBuilder;

void declare_group_config(ConfigSchemaRegistry& s) {
  using namespace group_keys;
  auto key = [](std::string_view name) { return std::string(name); };
  s.define(K(key(kMinSessionTimeoutMs), ConfigType::kInt, "6000",
             "The smallest session.timeout.ms a consumer may ask for.")
               .at_least(0));
  s.define(K(key(kMaxSessionTimeoutMs), ConfigType::kInt, "1800000",
             "The largest session.timeout.ms a consumer may ask for.")
               .at_least(0));
  s.define(K(key(kInitialRebalanceDelayMs), ConfigType::kInt, "3000",
             "How long the first rebalance of an empty group waits for more members to "
             "join, extended by each new member up to the rebalance timeout.")
               .at_least(0));
  s.define(K(key(kMaxSize), ConfigType::kInt, "2147483647",
             "The most members a consumer group may have.")
               .at_least(1));
  s.define(K(key(kRebalanceProtocols), ConfigType::kList, "classic",
             "Group protocols the coordinator serves; only the classic protocol exists here.")
               .one_of({"classic"}));
  s.define(K(key(kOffsetsTopicNumPartitions), ConfigType::kInt, "50",
             "Coordinator partitions groups are spread over, as __consumer_offsets "
             "partitions in Kafka: a group belongs to abs(hash(group.id)) % this.")
               .at_least(1));
  s.define(K(key(kOffsetsRetentionMinutes), ConfigType::kInt, "10080",
             "Committed offsets of a group are dropped this long after the group became "
             "empty (or, for groups without members, after the last commit).")
               .at_least(1));
  s.define(K(key(kOffsetsRetentionCheckIntervalMs), ConfigType::kLong, "600000",
             "How often expired offsets and empty groups are looked for.")
               .at_least(1));
  s.define(K(key(kOffsetMetadataMaxBytes), ConfigType::kInt, "4096",
             "The largest metadata string an offset commit may carry.")
               .at_least(0));
  s.define(K(key(kOffsetsCommitTimeoutMs), ConfigType::kInt, "5000",
             "How long an offset commit may wait for its write to be replicated. Offsets "
             "are stored on this node and acknowledged once durable, so it has no effect "
             "until a replicated offset store exists.")
               .at_least(1));
}

GroupConfig read_group_config(const sdk::ConfigView& config) {
  using namespace group_keys;
  GroupConfig c;
  c.min_session_timeout_ms = config.get_int(kMinSessionTimeoutMs, c.min_session_timeout_ms);
  c.max_session_timeout_ms = config.get_int(kMaxSessionTimeoutMs, c.max_session_timeout_ms);
  c.initial_rebalance_delay_ms =
      config.get_int(kInitialRebalanceDelayMs, c.initial_rebalance_delay_ms);
  c.max_size = config.get_int(kMaxSize, c.max_size);
  c.num_partitions = config.get_int(kOffsetsTopicNumPartitions, c.num_partitions);
  c.offsets_retention_ms =
      config.get_long(kOffsetsRetentionMinutes, c.offsets_retention_ms / 60000) * 60000;
  c.retention_check_interval_ms =
      config.get_long(kOffsetsRetentionCheckIntervalMs, c.retention_check_interval_ms);
  c.offset_metadata_max_bytes = config.get_int(kOffsetMetadataMaxBytes, c.offset_metadata_max_bytes);
  return c;
}

}  // namespace skiff::kernel::groups
