// The partitions this broker hosts: opens a PartitionLog for every partition the
// controller assigns here, drops them when topics go, and answers lookups from
// request handlers.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "skiff/sdk/config.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/log.h"
#include "skiff/sdk/storage.h"

namespace skiff::kernel::server {

// Builds a topic's effective config (topic overrides over broker defaults).
using TopicConfigFactory =
    std::function<std::shared_ptr<const sdk::ConfigView>(const sdk::TopicInfo& topic)>;

class PartitionManager final : public sdk::MetadataListener {
 public:
  PartitionManager(sdk::Controller& controller, sdk::StorageEngine& storage,
                   TopicConfigFactory topic_config, int32_t node_id, sdk::Logger& logger);
  ~PartitionManager() override;

  // Opens every partition led by this node; call once at startup.
  void load();

  // Null when the partition does not exist or is not hosted here.
  std::shared_ptr<sdk::PartitionLog> get(const std::string& topic, int32_t partition);
  // Every hosted partition (for metrics, retention and DescribeLogDirs).
  std::vector<std::pair<sdk::TopicPartition, std::shared_ptr<sdk::PartitionLog>>> all() const;
  // The topic's config was altered: push the new effective config to its logs.
  void refresh_config(const sdk::TopicInfo& topic);
  void flush_all();

  void on_topic_changed(const sdk::TopicInfo& topic) override;
  void on_topic_deleted(const sdk::TopicInfo& topic) override;

 private:
  void open_topic(const sdk::TopicInfo& topic);

  sdk::Controller& controller_;
  sdk::StorageEngine& storage_;
  TopicConfigFactory topic_config_;
  int32_t node_id_;
  sdk::Logger& logger_;
  mutable std::shared_mutex mutex_;
  std::map<sdk::TopicPartition, std::shared_ptr<sdk::PartitionLog>> logs_;
};

}  // namespace skiff::kernel::server
