// LocalController: the embedded single-node controller. It is the metadata of
// record for a cluster of exactly one broker (this node): topics, configs,
// producer-id blocks and other subsystems' records, persisted in LMDB and served
// from an in-memory copy loaded at open.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "listener_set.h"
#include "metadata_store.h"
#include "skiff/sdk/controller.h"

namespace skiff::controller_local {

class LocalController final : public sdk::Controller {
 public:
  // The most the store may grow to; the file is sparse, so this costs nothing.
  static constexpr std::size_t kDefaultMapSize = std::size_t{1} << 30;

  // Opens (creating if needed) the store in `dir` for broker `node_id`. Throws
  // std::runtime_error with a message naming the path when the store cannot be
  // opened, belongs to another node id, or holds a record it cannot read.
  LocalController(const std::filesystem::path& dir, int32_t node_id,
                  std::size_t map_size = kDefaultMapSize);

  std::string cluster_id() const override;
  int32_t active_controller_id() const override;

  void register_broker(const sdk::BrokerInfo& broker) override;
  std::vector<sdk::BrokerInfo> brokers() const override;

  std::vector<sdk::TopicInfo> topics() const override;
  std::optional<sdk::TopicInfo> topic(std::string_view name) const override;
  std::optional<sdk::TopicInfo> topic_by_id(const sdk::Uuid& id) const override;

  std::pair<sdk::ControllerStatus, std::optional<sdk::TopicInfo>> create_topic(
      const sdk::NewTopic& topic, bool validate_only) override;
  sdk::ControllerStatus delete_topic(std::string_view name) override;
  sdk::ControllerStatus create_partitions(std::string_view name, int32_t total_count,
                                          bool validate_only) override;
  sdk::ControllerStatus alter_topic_configs(std::string_view name,
                                            const sdk::ConfigChanges& changes,
                                            bool validate_only) override;

  std::map<std::string, std::string> broker_configs(int32_t broker_id) const override;
  sdk::ControllerStatus alter_broker_configs(int32_t broker_id, const sdk::ConfigChanges& changes,
                                             bool validate_only) override;

  // Throws std::runtime_error (LmdbError) when the store fails; a count < 1 gives
  // an empty block.
  sdk::ProducerIdBlock allocate_producer_ids(int32_t count) override;

  // These throw std::runtime_error (LmdbError) when the store fails.
  void put_record(std::string_view ns, std::string_view key, std::string_view value) override;
  bool delete_record(std::string_view ns, std::string_view key) override;
  std::optional<std::string> get_record(std::string_view ns, std::string_view key) const override;
  std::vector<std::pair<std::string, std::string>> scan_records(
      std::string_view ns, std::string_view key_prefix) const override;

  // Listeners must not throw; they are called without any controller lock held.
  void add_listener(sdk::MetadataListener* listener) override;
  void remove_listener(sdk::MetadataListener* listener) override;

 private:
  sdk::ControllerStatus check_new_topic(const sdk::NewTopic& topic) const;
  sdk::PartitionInfo new_partition(int32_t index) const;
  sdk::Uuid unused_topic_id() const;
  // Commits `fill` as one transaction, turning store failures into a status.
  sdk::ControllerStatus commit(const std::function<void(MetadataStore::Batch&)>& fill);

  const int32_t node_id_;
  MetadataStore store_;

  // Writers hold write_mutex_ from validation to cache update, so checks and the
  // commit see the same state; they take cache_mutex_ only to change the cache.
  // Readers take cache_mutex_ shared. Records are read from LMDB directly.
  std::mutex write_mutex_;
  mutable std::shared_mutex cache_mutex_;
  StoredMetadata cache_;
  std::map<sdk::Uuid, std::string> names_by_id_;
  std::map<int32_t, sdk::BrokerInfo> brokers_;

  ListenerSet listeners_;
};

}  // namespace skiff::controller_local
