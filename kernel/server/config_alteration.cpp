// Validating and applying topic and broker config changes; see config_alteration.h.
#include "kernel/server/config_alteration.h"

#include <mutex>
#include <vector>

#include "kernel/config/config_store.h"
#include "kernel/config/config_value_check.h"
#include "kernel/config/topic_config_keys.h"
#include "kernel/server/broker_loggers.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/config_resource.h"
#include "kernel/server/dynamic_broker_configs.h"

namespace skiff::kernel::server {

namespace {

using sdk::ErrorCode;

// One alteration at a time: each reads the current values, then writes them back.
std::mutex& alteration_mutex() {
  static std::mutex mutex;
  return mutex;
}

ConfigOutcome from_status(const sdk::ControllerStatus& status) {
  return {status.error, status.message};
}

template <class F>
ConfigOutcome guarded(F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return {ErrorCode::kUnknownServerError, e.what()};
  }
}

// --- topics ---------------------------------------------------------------------

ConfigOutcome alter_topic(BrokerServices& broker, const std::string& name,
                          const ConfigChangeBuilder& build, bool validate_only) {
  auto topic = broker.controller.topic(name);
  if (!topic) {
    return {ErrorCode::kUnknownTopicOrPartition, "The topic '" + name + "' does not exist."};
  }
  ConfigKeyLookup lookup = [](std::string_view key) -> const sdk::ConfigKey* {
    const TopicConfigDef* def = find_topic_config(key);
    return def ? &def->key : nullptr;
  };
  sdk::ConfigChanges changes;
  if (auto built = build(topic->configs, lookup, changes); !built.ok()) return built;
  for (auto& [key, value] : changes) {
    if (!value) continue;
    if (std::string problem = validate_topic_config(key, *value); !problem.empty()) {
      return {ErrorCode::kInvalidConfig, problem};
    }
    *value = normalize_topic_config(key, *value);
  }
  auto status = broker.controller.alter_topic_configs(name, changes, validate_only);
  if (!status.ok() || validate_only) return from_status(status);
  if (auto updated = broker.controller.topic(name)) broker.partitions.refresh_config(*updated);
  return {};
}

// --- brokers --------------------------------------------------------------------

std::string scala_set(const std::vector<std::string>& names) {
  std::string out = "Set(";
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out + ")";
}

// Checks every value set against the schema; normalizes them in place.
ConfigOutcome validate_broker_changes(const ConfigSnapshot& snapshot, sdk::ConfigChanges& changes) {
  std::vector<std::string> unknown;
  std::vector<std::string> static_keys;
  for (auto& [key, value] : changes) {
    if (!value) continue;
    const ConfigSnapshot::Entry* entry = snapshot.entry(key);
    if (!entry) unknown.push_back(key);
    else if (!entry->declared->key.dynamic) static_keys.push_back(key);
  }
  if (!unknown.empty()) {
    return {ErrorCode::kInvalidRequest, "Unknown broker configs: " + scala_set(unknown)};
  }
  if (!static_keys.empty()) {
    return {ErrorCode::kInvalidRequest,
            "Cannot update these configs dynamically: " + scala_set(static_keys)};
  }
  for (auto& [key, value] : changes) {
    if (!value) continue;
    const DeclaredKey& declared = *snapshot.entry(key)->declared;
    auto checked = check_config_value(declared.key, *value);
    std::string reason = describe_fault(declared.key, checked);
    for (size_t i = 0; reason.empty() && i < declared.checks.size(); ++i) {
      reason = declared.checks[i](checked.value);
    }
    if (!reason.empty()) {
      bool hidden = declared.key.type == sdk::ConfigType::kPassword;
      return {ErrorCode::kInvalidRequest, "Invalid value " + (hidden ? "[hidden]" : *value) +
                                              " for configuration " + key + ": " + reason};
    }
    *value = std::move(checked.value);
  }
  return {};
}

BrokerConfigMap with_changes(BrokerConfigMap configs, const sdk::ConfigChanges& changes) {
  for (const auto& [key, value] : changes) {
    if (value) configs[key] = *value;
    else configs.erase(key);
  }
  return configs;
}

ConfigOutcome alter_broker(BrokerServices& broker, int32_t broker_id,
                           const ConfigChangeBuilder& build, bool validate_only) {
  auto snapshot = broker.config.current();
  ConfigKeyLookup lookup = [snapshot](std::string_view key) -> const sdk::ConfigKey* {
    const ConfigSnapshot::Entry* entry = snapshot->entry(key);
    return entry ? &entry->declared->key : nullptr;
  };
  BrokerConfigMap level = broker.controller.broker_configs(broker_id);
  sdk::ConfigChanges changes;
  if (auto built = build(level, lookup, changes); !built.ok()) return built;
  if (auto valid = validate_broker_changes(*snapshot, changes); !valid.ok()) return valid;
  if (validate_only) return from_status(broker.controller.alter_broker_configs(broker_id, changes, true));

  // Apply to the running config first (it may still refuse, e.g. a cross-key rule),
  // then persist; undo the first if the second fails.
  BrokerConfigMap before = merged_dynamic_broker_configs(broker.controller, broker.node_id);
  BrokerConfigMap after;
  if (broker_id == kClusterDefaultBrokerId) {
    after = with_changes(level, changes);
    for (auto& [key, value] : broker.controller.broker_configs(broker.node_id)) after[key] = value;
  } else {
    after = broker.controller.broker_configs(kClusterDefaultBrokerId);
    for (auto& [key, value] : with_changes(level, changes)) after[key] = value;
  }
  auto applied = apply_dynamic_layer_change(broker.config, before, after);
  if (!applied.ok()) {
    std::string message;
    for (const auto& problem : applied.problems) {
      message += (message.empty() ? "" : "; ") + problem.message;
    }
    return {ErrorCode::kInvalidRequest, message};
  }
  auto status = broker.controller.alter_broker_configs(broker_id, changes, false);
  if (!status.ok()) {
    apply_dynamic_layer_change(broker.config, after, before);
    return from_status(status);
  }
  if (broker.broker_config_changed) broker.broker_config_changed();
  if (!applied.applied.empty()) {
    std::string keys;
    for (const auto& key : applied.applied) keys += (keys.empty() ? "" : ", ") + key;
    broker.logger.info("dynamic broker config changed: " + keys);
  }
  return {};
}

}  // namespace

ConfigOutcome alter_resource_configs(BrokerServices& broker, int8_t resource_type,
                                     const std::string& resource_name,
                                     const ConfigChangeBuilder& build, bool validate_only) {
  ConfigResourceRef ref = resolve_config_resource(resource_type, resource_name, broker.node_id);
  if (!ref.ok()) return {ref.error, ref.message};
  std::lock_guard lock(alteration_mutex());
  return guarded([&] {
    if (ref.type == ConfigResourceType::kTopic) {
      return alter_topic(broker, ref.topic, build, validate_only);
    }
    if (ref.type == ConfigResourceType::kBrokerLogger) {
      if (broker.logs == nullptr) {
        return ConfigOutcome{sdk::ErrorCode::kInvalidRequest, "This broker has no loggers to alter"};
      }
      return alter_broker_loggers(*broker.logs, build, validate_only);
    }
    return alter_broker(broker, ref.broker_id, build, validate_only);
  });
}

std::string normalize_topic_config(std::string_view name, std::string value) {
  const TopicConfigDef* def = find_topic_config(name);
  if (!def) return value;
  auto checked = check_config_value(def->key, value);
  return checked.ok() ? std::move(checked.value) : value;
}

}  // namespace skiff::kernel::server
