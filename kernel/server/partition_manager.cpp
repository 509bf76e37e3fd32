#include "kernel/server/partition_manager.h"

#include <algorithm>
#include <set>

namespace skiff::kernel::server {

PartitionManager::PartitionManager(sdk::Controller& controller, sdk::StorageEngine& storage,
                                   TopicConfigFactory topic_config, int32_t node_id,
                                   sdk::Logger& logger)
    : controller_(controller),
      storage_(storage),
      topic_config_(std::move(topic_config)),
      node_id_(node_id),
      logger_(logger) {
  controller_.add_listener(this);
}

PartitionManager::~PartitionManager() { controller_.remove_listener(this); }

void PartitionManager::load() {
  std::set<sdk::TopicPartition> known;
  for (const auto& topic : controller_.topics()) {
    open_topic(topic);
    for (const auto& p : topic.partitions) known.insert({topic.name, p.partition});
  }
  for (const auto& stored : storage_.stored_partitions()) {
    if (!known.contains(stored)) {
      logger_.warn("log directory for " + stored.topic + "-" + std::to_string(stored.partition) +
                   " belongs to no known topic; it is left in place (delete it by hand if it "
                   "is not needed)");
    }
  }
}

void PartitionManager::open_topic(const sdk::TopicInfo& topic) {
  auto config = topic_config_(topic);
  for (const auto& p : topic.partitions) {
    bool hosted = std::find(p.replicas.begin(), p.replicas.end(), node_id_) != p.replicas.end();
    if (!hosted) continue;
    sdk::TopicPartition tp{topic.name, p.partition};
    {
      std::shared_lock lock(mutex_);
      if (logs_.contains(tp)) continue;
    }
    std::unique_lock lock(mutex_);
    if (logs_.contains(tp)) continue;  // opened concurrently
    try {
      logs_.emplace(tp, storage_.open(tp, *config));
    } catch (const std::exception& e) {
      // One damaged partition must not keep the others offline.
      logger_.error("cannot open partition " + topic.name + "-" + std::to_string(p.partition) +
                    ": " + e.what() +
                    "; it stays offline until the cause is fixed and the broker restarted");
    }
  }
}

std::shared_ptr<sdk::PartitionLog> PartitionManager::get(const std::string& topic,
                                                         int32_t partition) {
  {
    std::shared_lock lock(mutex_);
    auto it = logs_.find(sdk::TopicPartition{topic, partition});
    if (it != logs_.end()) return it->second;
  }
  // The controller may have committed a topic whose change notice has not reached us
  // yet (notices are delivered asynchronously): open it now rather than fail.
  auto info = controller_.topic(topic);
  if (!info) return nullptr;
  open_topic(*info);
  std::shared_lock lock(mutex_);
  auto it = logs_.find(sdk::TopicPartition{topic, partition});
  return it == logs_.end() ? nullptr : it->second;
}

std::vector<std::pair<sdk::TopicPartition, std::shared_ptr<sdk::PartitionLog>>>
PartitionManager::all() const {
  std::shared_lock lock(mutex_);
  return {logs_.begin(), logs_.end()};
}

void PartitionManager::refresh_config(const sdk::TopicInfo& topic) {
  auto config = topic_config_(topic);
  for (const auto& p : topic.partitions) {
    if (auto log = get(topic.name, p.partition)) log->update_config(*config);
  }
}

void PartitionManager::flush_all() {
  for (auto& [tp, log] : all()) log->flush();
}

void PartitionManager::on_topic_changed(const sdk::TopicInfo& topic) {
  open_topic(topic);
  refresh_config(topic);
}

void PartitionManager::on_topic_deleted(const sdk::TopicInfo& topic) {
  std::vector<sdk::TopicPartition> removed;
  {
    std::unique_lock lock(mutex_);
    for (auto it = logs_.begin(); it != logs_.end();) {
      if (it->first.topic == topic.name) {
        removed.push_back(it->first);
        it = logs_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (const auto& tp : removed) storage_.remove(tp);
}

}  // namespace skiff::kernel::server
