// The consumer-group coordinator's configuration: Kafka's group.* and offsets.*
// broker keys, declared for validation and read into one value type.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kernel/config/config_schema_registry.h"
#include "skiff/sdk/config.h"

namespace skiff::kernel::groups {

namespace group_keys {
inline constexpr std::string_view kMinSessionTimeoutMs = "group.min.session.timeout.ms";
inline constexpr std::string_view kMaxSessionTimeoutMs = "group.max.session.timeout.ms";
inline constexpr std::string_view kInitialRebalanceDelayMs = "group.initial.rebalance.delay.ms";
inline constexpr std::string_view kMaxSize = "group.max.size";
inline constexpr std::string_view kRebalanceProtocols = "group.coordinator.rebalance.protocols";
inline constexpr std::string_view kOffsetsTopicNumPartitions = "offsets.topic.num.partitions";
inline constexpr std::string_view kOffsetsRetentionMinutes = "offsets.retention.minutes";
inline constexpr std::string_view kOffsetsRetentionCheckIntervalMs =
    "offsets.retention.check.interval.ms";
inline constexpr std::string_view kOffsetMetadataMaxBytes = "offset.metadata.max.bytes";
inline constexpr std::string_view kOffsetsCommitTimeoutMs = "offsets.commit.timeout.ms";
}  // namespace group_keys

struct GroupConfig {
  int32_t min_session_timeout_ms = 6000;
  int32_t max_session_timeout_ms = 1800000;
  int32_t initial_rebalance_delay_ms = 3000;
  int32_t max_size = 2147483647;
  int32_t num_partitions = 50;  // offsets.topic.num.partitions: coordinator shards
  int64_t offsets_retention_ms = 10080LL * 60 * 1000;
  int64_t retention_check_interval_ms = 600000;
  int32_t offset_metadata_max_bytes = 4096;
  // A JoinGroup of a member without an id is parked at most this long (Kafka's
  // fixed NewMemberJoinTimeoutMs), since its client cannot heartbeat yet.
  int32_t new_member_join_timeout_ms = 300000;
};

// Declares the keys above (owned by "kernel"); call once before the config loads.
void declare_group_config(ConfigSchemaRegistry& schema);

GroupConfig read_group_config(const sdk::ConfigView& config);

}  // namespace skiff::kernel::groups
