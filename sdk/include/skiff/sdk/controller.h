// The controller extension point: the cluster's metadata of record (brokers, topics,
// partitions and their leaders, configs, producer-id blocks, and durable records for
// other subsystems such as SCRAM credentials and ACLs). The embedded single-node
// controller, a ZooKeeper-compatible one and a Raft one all implement this.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "skiff/sdk/error_code.h"
#include "skiff/sdk/types.h"

namespace skiff::sdk {

struct BrokerEndpoint {
  std::string listener;           // "PLAINTEXT"
  std::string security_protocol;  // "PLAINTEXT", "SSL", ...
  std::string host;
  int32_t port = 0;
};

struct BrokerInfo {
  int32_t node_id = 0;
  std::vector<BrokerEndpoint> endpoints;
  std::string rack;  // empty: none
};

struct PartitionInfo {
  int32_t partition = 0;
  int32_t leader = -1;
  int32_t leader_epoch = 0;
  int32_t partition_epoch = 0;
  std::vector<int32_t> replicas;
  std::vector<int32_t> isr;
};

struct TopicInfo {
  std::string name;
  Uuid id;
  bool internal = false;
  std::vector<PartitionInfo> partitions;
  std::map<std::string, std::string> configs;  // topic-level overrides only
};

struct NewTopic {
  std::string name;
  int32_t partitions = 1;
  int16_t replication_factor = 1;
  std::map<std::string, std::string> configs;
};

using ControllerStatus = Status;

struct ProducerIdBlock {
  int64_t first_id = 0;
  int32_t count = 0;
};

// A change in config: nullopt deletes the override.
using ConfigChanges = std::map<std::string, std::optional<std::string>>;

// Told about every metadata change, so brokers open or drop partitions.
class MetadataListener {
 public:
  virtual ~MetadataListener() = default;
  virtual void on_topic_changed(const TopicInfo& topic) = 0;
  virtual void on_topic_deleted(const TopicInfo& topic) = 0;
};

// Every method is thread-safe and durable when it returns success.
class Controller {
 public:
  static constexpr std::string_view kExtensionPoint = "controller";
  virtual ~Controller() = default;

  virtual std::string cluster_id() const = 0;
  virtual int32_t active_controller_id() const = 0;

  virtual void register_broker(const BrokerInfo& broker) = 0;
  virtual std::vector<BrokerInfo> brokers() const = 0;

  virtual std::vector<TopicInfo> topics() const = 0;
  virtual std::optional<TopicInfo> topic(std::string_view name) const = 0;
  virtual std::optional<TopicInfo> topic_by_id(const Uuid& id) const = 0;

  // Config keys and values are validated by the kernel before these are called.
  virtual std::pair<ControllerStatus, std::optional<TopicInfo>> create_topic(
      const NewTopic& topic, bool validate_only) = 0;
  virtual ControllerStatus delete_topic(std::string_view name) = 0;
  virtual ControllerStatus create_partitions(std::string_view name, int32_t total_count,
                                             bool validate_only) = 0;
  virtual ControllerStatus alter_topic_configs(std::string_view name,
                                               const ConfigChanges& changes,
                                               bool validate_only) = 0;

  // Dynamic broker configs; broker_id -1 is the cluster-wide default.
  virtual std::map<std::string, std::string> broker_configs(int32_t broker_id) const = 0;
  virtual ControllerStatus alter_broker_configs(int32_t broker_id, const ConfigChanges& changes,
                                                bool validate_only) = 0;

  virtual ProducerIdBlock allocate_producer_ids(int32_t count) = 0;

  // Durable records for other subsystems, by namespace ("scram", "acl", ...).
  virtual void put_record(std::string_view ns, std::string_view key, std::string_view value) = 0;
  virtual bool delete_record(std::string_view ns, std::string_view key) = 0;
  virtual std::optional<std::string> get_record(std::string_view ns, std::string_view key) const = 0;
  virtual std::vector<std::pair<std::string, std::string>> scan_records(
      std::string_view ns, std::string_view key_prefix) const = 0;

  // The listener must outlive the controller or be removed first.
  virtual void add_listener(MetadataListener* listener) = 0;
  virtual void remove_listener(MetadataListener* listener) = 0;
};

}  // namespace skiff::sdk
