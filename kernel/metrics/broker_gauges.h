// BrokerGauges: the metrics computed at scrape time from the controller's metadata,
// the hosted partition logs, the log directories and the committed group offsets,
// with the names the Prometheus JMX exporter gives Kafka's (ReplicaManager,
// KafkaController, ControllerStats, Log, LogManager, Partition) and kafka_exporter
// gives consumer lag. Values mean what they mean in Kafka, computed from the
// metadata (a single node has no follower, so e.g. under-replicated counts
// partitions led here whose ISR is smaller than their replica set).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "skiff/sdk/config.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/metrics.h"
#include "skiff/sdk/storage.h"

namespace skiff::kernel::metrics {

using HostedPartitions = std::function<
    std::vector<std::pair<sdk::TopicPartition, std::shared_ptr<sdk::PartitionLog>>>()>;

// One committed offset of a consumer group.
struct CommittedOffset {
  std::string group;
  sdk::TopicPartition partition;
  int64_t offset = -1;
};
// Every committed offset of every group this broker coordinates (read-only hook
// into the group coordinator).
using CommittedOffsets = std::function<std::vector<CommittedOffset>()>;

struct BrokerGaugeSources {
  sdk::Controller& controller;
  sdk::StorageEngine& storage;
  const sdk::ConfigView& config;  // min.insync.replicas
  HostedPartitions partitions;
  CommittedOffsets committed_offsets;
  int32_t node_id = 1;
};

class BrokerGauges {
 public:
  BrokerGauges(sdk::MetricsRegistry& registry, BrokerGaugeSources sources);
  ~BrokerGauges();

 private:
  void add_replica_manager(sdk::MetricsRegistry& registry);
  void add_controller(sdk::MetricsRegistry& registry);
  void add_logs(sdk::MetricsRegistry& registry);
  void add_consumer_lag(sdk::MetricsRegistry& registry);
  int32_t min_insync_replicas(const sdk::TopicInfo& topic) const;

  BrokerGaugeSources sources_;
  std::vector<std::shared_ptr<sdk::Counter>> counters_;  // exported, never moved by a single node
  std::vector<std::unique_ptr<sdk::MetricsRegistration>> registrations_;
};

}  // namespace skiff::kernel::metrics
