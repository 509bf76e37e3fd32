// Finding the partition a data-path request names: see partition_lookup.h.
#include "kernel/server/partition_lookup.h"

#include "kernel/server/broker_services.h"

namespace skiff::kernel::server {

sdk::ErrorCode check_leader_epoch(int32_t client_epoch, int32_t leader_epoch) {
  if (client_epoch < 0 || client_epoch == leader_epoch) return sdk::ErrorCode::kNone;
  return client_epoch < leader_epoch ? sdk::ErrorCode::kFencedLeaderEpoch
                                     : sdk::ErrorCode::kUnknownLeaderEpoch;
}

const sdk::TopicInfo* TopicLookup::by_name(const std::string& name) {
  auto it = by_name_.find(name);
  if (it == by_name_.end()) it = by_name_.emplace(name, broker_.controller.topic(name)).first;
  return it->second ? &*it->second : nullptr;
}

const sdk::TopicInfo* TopicLookup::by_id(const sdk::Uuid& id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    std::optional<sdk::TopicInfo> topic;
    if (!id.is_zero()) topic = broker_.controller.topic_by_id(id);
    it = by_id_.emplace(id, std::move(topic)).first;
  }
  return it->second ? &*it->second : nullptr;
}

PartitionTarget TopicLookup::partition(const sdk::TopicInfo* topic, int32_t partition,
                                       int32_t client_epoch) {
  PartitionTarget out;
  if (topic == nullptr) {
    out.error = sdk::ErrorCode::kUnknownTopicOrPartition;
    return out;
  }
  const sdk::PartitionInfo* info = nullptr;
  for (const auto& p : topic->partitions) {
    if (p.partition == partition) {
      info = &p;
      break;
    }
  }
  if (info == nullptr) {
    out.error = sdk::ErrorCode::kUnknownTopicOrPartition;
    return out;
  }
  out.leader_id = info->leader;
  out.leader_epoch = info->leader_epoch;
  if (info->leader != broker_.node_id) {
    out.error = sdk::ErrorCode::kNotLeaderOrFollower;
    return out;
  }
  out.error = check_leader_epoch(client_epoch, info->leader_epoch);
  if (!out.ok()) return out;
  out.log = broker_.partitions.get(topic->name, partition);
  if (!out.log) out.error = sdk::ErrorCode::kNotLeaderOrFollower;
  return out;
}

}  // namespace skiff::kernel::server
