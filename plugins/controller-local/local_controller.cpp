// The embedded single-node controller; see local_controller.h. Error codes and
// messages follow Kafka's KRaft controller so clients see familiar text.
#include "local_controller.h"

#include <limits>
#include <stdexcept>

#include "kafka_uuid.h"
#include "topic_names.h"

namespace skiff::controller_local {
namespace {

using sdk::ControllerStatus;
using sdk::ErrorCode;

ControllerStatus error(ErrorCode code, std::string message) {
  return ControllerStatus{code, std::move(message)};
}

ControllerStatus unknown_topic(std::string_view name) {
  return error(ErrorCode::kUnknownTopicOrPartition,
               "Topic '" + std::string(name) + "' does not exist.");
}

void apply_changes(std::map<std::string, std::string>& configs, const sdk::ConfigChanges& changes) {
  for (const auto& [key, value] : changes) {
    if (value) {
      configs[key] = *value;
    } else {
      configs.erase(key);
    }
  }
}

}  // namespace

LocalController::LocalController(const std::filesystem::path& dir, int32_t node_id,
                                 std::size_t map_size)
    : node_id_(node_id), store_(dir, node_id, map_size), cache_(store_.load()) {
  for (const auto& [name, topic] : cache_.topics) names_by_id_[topic.id] = name;
}

std::string LocalController::cluster_id() const {
  // Set once at open and never changed, so no lock is needed.
  return cache_.cluster_id;
}

int32_t LocalController::active_controller_id() const { return node_id_; }

void LocalController::register_broker(const sdk::BrokerInfo& broker) {
  // Not persisted: a broker registers its current endpoints at every start.
  std::unique_lock lock(cache_mutex_);
  brokers_[broker.node_id] = broker;
}

std::vector<sdk::BrokerInfo> LocalController::brokers() const {
  std::shared_lock lock(cache_mutex_);
  std::vector<sdk::BrokerInfo> out;
  for (const auto& [id, broker] : brokers_) out.push_back(broker);
  return out;
}

std::vector<sdk::TopicInfo> LocalController::topics() const {
  std::shared_lock lock(cache_mutex_);
  std::vector<sdk::TopicInfo> out;
  out.reserve(cache_.topics.size());
  for (const auto& [name, topic] : cache_.topics) out.push_back(topic);
  return out;
}

std::optional<sdk::TopicInfo> LocalController::topic(std::string_view name) const {
  std::shared_lock lock(cache_mutex_);
  auto it = cache_.topics.find(name);
  if (it == cache_.topics.end()) return std::nullopt;
  return it->second;
}

std::optional<sdk::TopicInfo> LocalController::topic_by_id(const sdk::Uuid& id) const {
  std::shared_lock lock(cache_mutex_);
  auto it = names_by_id_.find(id);
  if (it == names_by_id_.end()) return std::nullopt;
  return cache_.topics.find(it->second)->second;
}

ControllerStatus LocalController::check_new_topic(const sdk::NewTopic& topic) const {
  if (auto reason = invalid_topic_name_reason(topic.name)) {
    return error(ErrorCode::kInvalidTopicException, *reason);
  }
  if (cache_.topics.contains(topic.name)) {
    return error(ErrorCode::kTopicAlreadyExists, "Topic '" + topic.name + "' already exists.");
  }
  // The least colliding name, so the message does not depend on map order.
  for (const auto& [existing, info] : cache_.topics) {
    if (topic_names_collide(existing, topic.name)) {
      return error(ErrorCode::kInvalidTopicException,
                   "Topic '" + topic.name + "' collides with existing topic: " + existing);
    }
  }
  if (topic.partitions < 1) {
    return error(ErrorCode::kInvalidPartitions,
                 "Number of partitions was set to an invalid non-positive value.");
  }
  // -1 asks for default.replication.factor, which can only mean 1 on one node.
  if (topic.replication_factor == 0 || topic.replication_factor < -1) {
    return error(ErrorCode::kInvalidReplicationFactor,
                 "Replication factor must be larger than 0, or -1 to use the default value.");
  }
  if (topic.replication_factor > 1) {
    std::string rf = std::to_string(topic.replication_factor);
    return error(ErrorCode::kInvalidReplicationFactor,
                 "Unable to replicate the partition " + rf + " time(s): The target replication "
                 "factor of " + rf + " cannot be reached because only 1 broker(s) are registered.");
  }
  return {};
}

sdk::PartitionInfo LocalController::new_partition(int32_t index) const {
  sdk::PartitionInfo p;
  p.partition = index;
  p.leader = node_id_;
  p.leader_epoch = 0;
  p.partition_epoch = 0;
  p.replicas = {node_id_};
  p.isr = {node_id_};
  return p;
}

sdk::Uuid LocalController::unused_topic_id() const {
  for (;;) {
    sdk::Uuid id = random_kafka_uuid();
    if (!names_by_id_.contains(id)) return id;
  }
}

ControllerStatus LocalController::commit(
    const std::function<void(MetadataStore::Batch&)>& fill) {
  try {
    store_.write(fill);
    return {};
  } catch (const LmdbError& e) {
    std::string message = e.what();
    if (e.code() == MDB_MAP_FULL) {
      message = "metadata store " + store_.path() + " is full: " + message;
    }
    return error(ErrorCode::kKafkaStorageError, std::move(message));
  } catch (const std::exception& e) {
    return error(ErrorCode::kUnknownServerError,
                 "metadata store " + store_.path() + ": " + e.what());
  }
}

std::pair<ControllerStatus, std::optional<sdk::TopicInfo>> LocalController::create_topic(
    const sdk::NewTopic& request, bool validate_only) {
  sdk::TopicInfo topic;
  {
    std::lock_guard write(write_mutex_);
    if (auto status = check_new_topic(request); !status.ok()) return {status, std::nullopt};
    topic.name = request.name;
    topic.internal = is_internal_topic(request.name);
    topic.configs = request.configs;
    for (int32_t i = 0; i < request.partitions; ++i) topic.partitions.push_back(new_partition(i));
    // A validate-only answer has no id: none was assigned.
    if (validate_only) return {ControllerStatus{}, topic};

    topic.id = unused_topic_id();
    if (auto status = commit([&](auto& batch) { batch.put_topic(topic); }); !status.ok()) {
      return {status, std::nullopt};
    }
    {
      std::unique_lock lock(cache_mutex_);
      cache_.topics[topic.name] = topic;
      names_by_id_[topic.id] = topic.name;
    }
    listeners_.enqueue(ListenerSet::Change::kChanged, topic);
  }
  listeners_.deliver_pending();
  return {ControllerStatus{}, std::move(topic)};
}

ControllerStatus LocalController::delete_topic(std::string_view name) {
  {
    std::lock_guard write(write_mutex_);
    auto it = cache_.topics.find(name);
    if (it == cache_.topics.end()) return unknown_topic(name);
    if (auto status = commit([&](auto& batch) { batch.delete_topic(name); }); !status.ok()) {
      return status;
    }
    sdk::TopicInfo deleted;
    {
      std::unique_lock lock(cache_mutex_);
      deleted = std::move(it->second);
      cache_.topics.erase(it);
      names_by_id_.erase(deleted.id);
    }
    listeners_.enqueue(ListenerSet::Change::kDeleted, std::move(deleted));
  }
  listeners_.deliver_pending();
  return {};
}

ControllerStatus LocalController::create_partitions(std::string_view name, int32_t total_count,
                                                    bool validate_only) {
  {
    std::lock_guard write(write_mutex_);
    auto it = cache_.topics.find(name);
    if (it == cache_.topics.end()) return unknown_topic(name);
    auto current = static_cast<int32_t>(it->second.partitions.size());
    if (total_count < current) {
      return error(ErrorCode::kInvalidPartitions,
                   "Topic currently has " + std::to_string(current) +
                       " partitions, which is higher than the requested " +
                       std::to_string(total_count) + ".");
    }
    if (total_count == current) {
      return error(ErrorCode::kInvalidPartitions,
                   "Topic already has " + std::to_string(current) + " partition(s).");
    }
    if (validate_only) return {};

    sdk::TopicInfo topic = it->second;
    for (int32_t i = current; i < total_count; ++i) topic.partitions.push_back(new_partition(i));
    if (auto status = commit([&](auto& batch) { batch.put_topic(topic); }); !status.ok()) {
      return status;
    }
    {
      std::unique_lock lock(cache_mutex_);
      it->second = topic;
    }
    listeners_.enqueue(ListenerSet::Change::kChanged, std::move(topic));
  }
  listeners_.deliver_pending();
  return {};
}

ControllerStatus LocalController::alter_topic_configs(std::string_view name,
                                                      const sdk::ConfigChanges& changes,
                                                      bool validate_only) {
  {
    std::lock_guard write(write_mutex_);
    auto it = cache_.topics.find(name);
    if (it == cache_.topics.end()) return unknown_topic(name);
    if (validate_only) return {};

    sdk::TopicInfo topic = it->second;
    apply_changes(topic.configs, changes);
    auto status = commit([&](auto& batch) { batch.put_topic_configs(name, topic.configs); });
    if (!status.ok()) return status;
    {
      std::unique_lock lock(cache_mutex_);
      it->second = topic;
    }
    listeners_.enqueue(ListenerSet::Change::kChanged, std::move(topic));
  }
  listeners_.deliver_pending();
  return {};
}

std::map<std::string, std::string> LocalController::broker_configs(int32_t broker_id) const {
  std::shared_lock lock(cache_mutex_);
  auto it = cache_.broker_configs.find(broker_id);
  if (it == cache_.broker_configs.end()) return {};
  return it->second;
}

ControllerStatus LocalController::alter_broker_configs(int32_t broker_id,
                                                       const sdk::ConfigChanges& changes,
                                                       bool validate_only) {
  if (validate_only) return {};
  std::lock_guard write(write_mutex_);
  auto configs = cache_.broker_configs[broker_id];
  apply_changes(configs, changes);
  auto status = commit([&](auto& batch) { batch.put_broker_configs(broker_id, configs); });
  if (!status.ok()) return status;
  std::unique_lock lock(cache_mutex_);
  if (configs.empty()) {
    cache_.broker_configs.erase(broker_id);
  } else {
    cache_.broker_configs[broker_id] = std::move(configs);
  }
  return {};
}

sdk::ProducerIdBlock LocalController::allocate_producer_ids(int32_t count) {
  std::lock_guard write(write_mutex_);
  int64_t first = cache_.next_producer_id;
  if (count < 1) return {first, 0};
  if (first > std::numeric_limits<int64_t>::max() - count) {
    throw std::runtime_error("producer ids exhausted in metadata store " + store_.path());
  }
  // Persisted before the block is handed out, so a restart never reuses it.
  store_.write([&](auto& batch) { batch.put_next_producer_id(first + count); });
  std::unique_lock lock(cache_mutex_);
  cache_.next_producer_id = first + count;
  return {first, count};
}

void LocalController::put_record(std::string_view ns, std::string_view key,
                                 std::string_view value) {
  std::lock_guard write(write_mutex_);
  store_.write([&](auto& batch) { batch.put_record(ns, key, value); });
}

bool LocalController::delete_record(std::string_view ns, std::string_view key) {
  std::lock_guard write(write_mutex_);
  bool existed = false;
  store_.write([&](auto& batch) { existed = batch.delete_record(ns, key); });
  return existed;
}

std::optional<std::string> LocalController::get_record(std::string_view ns,
                                                       std::string_view key) const {
  return store_.get_record(ns, key);
}

std::vector<std::pair<std::string, std::string>> LocalController::scan_records(
    std::string_view ns, std::string_view key_prefix) const {
  return store_.scan_records(ns, key_prefix);
}

void LocalController::add_listener(sdk::MetadataListener* listener) { listeners_.add(listener); }

void LocalController::remove_listener(sdk::MetadataListener* listener) {
  listeners_.remove(listener);
}

}  // namespace skiff::controller_local
