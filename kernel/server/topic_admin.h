// Topic creation and effective topic configs shared by CreateTopics, Metadata's
// auto-creation and the partition manager: defaults from the broker config
// (num.partitions, default.replication.factor) and config validation.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "kernel/config/topic_config_keys.h"
#include "skiff/sdk/controller.h"

namespace skiff::kernel {
class ConfigStore;
}

namespace skiff::kernel::server {

struct BrokerServices;

struct TopicCreation {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::string message;
  std::optional<sdk::TopicInfo> topic;
};

// The per-topic answer of an admin request (CreateTopics, CreatePartitions ...) for a
// topic it did not act on: `Result` is the generated per-topic result type.
template <class Result>
Result refused_topic(const std::string& name, sdk::ErrorCode error, std::string message) {
  Result result;
  result.name = name;
  result.error_code = sdk::to_wire(error);
  result.error_message = std::move(message);
  return result;
}

// partitions / replication_factor of -1 take the broker defaults.
TopicCreation create_topic(BrokerServices& broker, sdk::NewTopic spec, bool validate_only);

struct FoundTopic {
  std::optional<sdk::TopicInfo> topic;  // null: missing (and not created)
  bool creation_denied = false;         // missing, and may_create() said no
};

// The topic `name`, auto-created when it is missing, the client allows it,
// auto.create.topics.enable is on and `may_create()` (asked only then: the
// authorizer's CREATE check) says yes.
FoundTopic find_or_auto_create_topic(BrokerServices& broker, const std::string& name,
                                     bool client_allows_creation,
                                     const std::function<bool()>& may_create);

// The topic's effective config: its overrides over the broker's current config.
std::shared_ptr<const TopicConfig> effective_topic_config(const ConfigStore& config,
                                                          const sdk::TopicInfo& topic);

}  // namespace skiff::kernel::server
