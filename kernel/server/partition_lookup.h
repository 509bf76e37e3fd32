// Finding the partition a data-path request (Produce, Fetch, ListOffsets,
// OffsetForLeaderEpoch) names: the topic by name or id (looked up once per request),
// the partition led here, its log, and the client's leader epoch checked against
// the controller's.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "skiff/sdk/controller.h"
#include "skiff/sdk/error_code.h"
#include "skiff/sdk/storage.h"

namespace skiff::kernel::server {

struct BrokerServices;

struct PartitionTarget {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::shared_ptr<sdk::PartitionLog> log;  // set when error is kNone
  int32_t leader_id = -1;
  int32_t leader_epoch = -1;
  bool ok() const { return error == sdk::ErrorCode::kNone; }
};

// kFencedLeaderEpoch when the client's epoch is older than the leader's,
// kUnknownLeaderEpoch when newer; -1 means the client did not say.
sdk::ErrorCode check_leader_epoch(int32_t client_epoch, int32_t leader_epoch);

// One request's view of the topics it names (each looked up at most once).
class TopicLookup {
 public:
  explicit TopicLookup(BrokerServices& broker) : broker_(broker) {}

  // Null when the topic does not exist.
  const sdk::TopicInfo* by_name(const std::string& name);
  const sdk::TopicInfo* by_id(const sdk::Uuid& id);

  // The partition's log if it exists and this node leads it:
  //   kUnknownTopicOrPartition (no such topic/partition, or `topic` null),
  //   kNotLeaderOrFollower (another node leads it or it is not hosted here),
  //   kFencedLeaderEpoch / kUnknownLeaderEpoch (client_epoch disagrees).
  PartitionTarget partition(const sdk::TopicInfo* topic, int32_t partition,
                            int32_t client_epoch = -1);

 private:
  BrokerServices& broker_;
  std::map<std::string, std::optional<sdk::TopicInfo>, std::less<>> by_name_;
  std::map<sdk::Uuid, std::optional<sdk::TopicInfo>> by_id_;
};

}  // namespace skiff::kernel::server
