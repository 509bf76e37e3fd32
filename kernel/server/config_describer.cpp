// DescribeConfigs entries for topics and brokers; see config_describer.h.
#include "kernel/server/config_describer.h"

#include "kernel/config/config_store.h"
#include "kernel/config/topic_config_keys.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/config_resource.h"

namespace skiff::kernel::server {

int8_t wire_type(sdk::ConfigType type) {
  switch (type) {
    case sdk::ConfigType::kBoolean: return 1;
    case sdk::ConfigType::kString: return 2;
    case sdk::ConfigType::kInt: return 3;
    case sdk::ConfigType::kLong: return 5;
    case sdk::ConfigType::kDouble: return 6;
    case sdk::ConfigType::kList: return 7;
    case sdk::ConfigType::kPassword: return 9;
  }
  return 0;
}

namespace {

// Dynamic broker values by level, to tell per-broker (2) from cluster default (3).
struct DynamicLevels {
  std::map<std::string, std::string> node;
  std::map<std::string, std::string> cluster_default;

  DynamicLevels(const sdk::Controller& controller, int32_t node_id)
      : node(controller.broker_configs(node_id)),
        cluster_default(controller.broker_configs(kClusterDefaultBrokerId)) {}

  int8_t source_of(const std::string& key) const {
    if (!node.contains(key) && cluster_default.contains(key)) {
      return config_source::kDynamicDefaultBroker;
    }
    return config_source::kDynamicBroker;
  }
};

int8_t topic_source(TopicConfigSource source, const std::string& key,
                    const DynamicLevels& levels) {
  if (source == TopicConfigSource::kDynamicBrokerConfig) return levels.source_of(key);
  return static_cast<int8_t>(source);
}

int8_t broker_source(const ConfigSnapshot::Entry& entry, const std::string& key,
                     const DynamicLevels& levels) {
  switch (entry.source.kind) {
    case ConfigSource::Kind::kDynamic: return levels.source_of(key);
    case ConfigSource::Kind::kFile:
    case ConfigSource::Kind::kOverride: return config_source::kStaticBroker;
    case ConfigSource::Kind::kDefault: break;
  }
  return config_source::kDefault;
}

std::optional<std::string> shown(const std::optional<std::string>& value, bool sensitive) {
  return sensitive ? std::nullopt : value;
}

}  // namespace

std::vector<DescribedConfig> describe_topic_configs(BrokerServices& broker,
                                                    const sdk::TopicInfo& topic) {
  DynamicLevels levels(broker.controller, broker.node_id);
  TopicOverrides overrides(topic.configs.begin(), topic.configs.end());
  TopicConfig effective = build_topic_config(overrides, *broker.config.current());
  std::vector<DescribedConfig> out;
  out.reserve(effective.entries().size());
  for (const auto& [name, entry] : effective.entries()) {
    DescribedConfig d;
    d.name = name;
    d.value = entry.value;
    d.read_only = false;
    d.sensitive = false;
    d.source = entry.synonyms.empty() ? config_source::kDefault
                                      : topic_source(entry.source, entry.synonyms.front().name, levels);
    for (const auto& synonym : entry.synonyms) {
      d.synonyms.push_back({synonym.name, synonym.value, topic_source(synonym.source, synonym.name, levels)});
    }
    if (const TopicConfigDef* def = find_topic_config(name)) {
      d.type = wire_type(def->key.type);
      d.documentation = def->key.doc;
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<DescribedConfig> describe_broker_configs(BrokerServices& broker, int32_t broker_id) {
  DynamicLevels levels(broker.controller, broker.node_id);
  auto snapshot = broker.config.current();
  std::vector<DescribedConfig> out;

  if (broker_id == kClusterDefaultBrokerId) {
    for (const auto& [name, value] : levels.cluster_default) {
      const ConfigSnapshot::Entry* entry = snapshot->entry(name);
      DescribedConfig d;
      d.name = name;
      d.source = config_source::kDynamicDefaultBroker;
      if (entry) {
        const sdk::ConfigKey& key = entry->declared->key;
        d.sensitive = key.type == sdk::ConfigType::kPassword;
        d.read_only = !key.dynamic;
        d.type = wire_type(key.type);
        d.documentation = key.doc;
      }
      d.value = shown(value, d.sensitive);
      d.synonyms.push_back({name, d.value, d.source});
      out.push_back(std::move(d));
    }
    return out;
  }

  for (const auto& [name, entry] : snapshot->entries()) {
    const sdk::ConfigKey& key = entry.declared->key;
    DescribedConfig d;
    d.name = name;
    d.sensitive = key.type == sdk::ConfigType::kPassword;
    d.read_only = !key.dynamic;
    d.value = shown(entry.value, d.sensitive);
    d.source = broker_source(entry, name, levels);
    d.type = wire_type(key.type);
    d.documentation = key.doc;
    // Every level that holds a value, highest precedence first.
    if (auto it = levels.node.find(name); it != levels.node.end()) {
      d.synonyms.push_back({name, shown(it->second, d.sensitive), config_source::kDynamicBroker});
    }
    if (auto it = levels.cluster_default.find(name); it != levels.cluster_default.end()) {
      d.synonyms.push_back(
          {name, shown(it->second, d.sensitive), config_source::kDynamicDefaultBroker});
    }
    if (entry.source.kind == ConfigSource::Kind::kFile ||
        entry.source.kind == ConfigSource::Kind::kOverride) {
      d.synonyms.push_back({name, shown(entry.value, d.sensitive), config_source::kStaticBroker});
    }
    if (key.default_value) {
      d.synonyms.push_back({name, shown(key.default_value, d.sensitive), config_source::kDefault});
    }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace skiff::kernel::server
