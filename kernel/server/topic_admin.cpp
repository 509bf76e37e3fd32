#include "kernel/server/topic_admin.h"

#include "kernel/config/broker_config_keys.h"
#include "kernel/config/config_store.h"
#include "kernel/server/broker_services.h"

namespace skiff::kernel::server {

TopicCreation create_topic(BrokerServices& broker, sdk::NewTopic spec, bool validate_only) {
  TopicCreation result;
  if (spec.partitions == -1) spec.partitions = broker.config.get_int("num.partitions", 1);
  if (spec.replication_factor == -1) {
    spec.replication_factor =
        static_cast<int16_t>(broker.config.get_int("default.replication.factor", 1));
  }
  for (const auto& [name, value] : spec.configs) {
    std::string problem = validate_topic_config(name, value);
    if (!problem.empty()) {
      result.error = sdk::ErrorCode::kInvalidConfig;
      result.message = problem;
      return result;
    }
  }
  try {
    auto [status, topic] = broker.controller.create_topic(spec, validate_only);
    result.error = status.error;
    result.message = status.message;
    result.topic = std::move(topic);
  } catch (const std::exception& e) {
    result.error = sdk::ErrorCode::kUnknownServerError;
    result.message = e.what();
  }
  return result;
}

FoundTopic find_or_auto_create_topic(BrokerServices& broker, const std::string& name,
                                     bool client_allows_creation,
                                     const std::function<bool()>& may_create) {
  if (auto topic = broker.controller.topic(name)) return {std::move(topic)};
  if (!client_allows_creation ||
      !broker.config.get_bool(broker_keys::kAutoCreateTopicsEnable, true)) {
    return {};
  }
  if (!may_create()) return {std::nullopt, /*creation_denied=*/true};
  sdk::NewTopic spec;
  spec.name = name;
  spec.partitions = -1;
  spec.replication_factor = -1;
  auto created = create_topic(broker, spec, false);
  if (created.error == sdk::ErrorCode::kTopicAlreadyExists) return {broker.controller.topic(name)};
  if (created.error != sdk::ErrorCode::kNone) {
    broker.logger.warn("auto-creating topic '" + name + "' failed: " + created.message);
  } else {
    broker.logger.info("auto-created topic '" + name + "'");
  }
  return {std::move(created.topic)};
}

std::shared_ptr<const TopicConfig> effective_topic_config(const ConfigStore& config,
                                                          const sdk::TopicInfo& topic) {
  TopicOverrides overrides(topic.configs.begin(), topic.configs.end());
  return std::make_shared<const TopicConfig>(build_topic_config(overrides, *config.current()));
}

}  // namespace skiff::kernel::server
