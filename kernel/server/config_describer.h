// Describes configurations the way DescribeConfigs returns them (and CreateTopics
// v5+ for a new topic): every entry with its value, source, read-only and sensitive
// flags, synonyms (where the value may come from, highest precedence first), type
// and documentation. Sources and types are numbered as on the wire.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "skiff/sdk/config.h"
#include "skiff/sdk/controller.h"

namespace skiff::kernel::server {

struct BrokerServices;

// DescribeConfigsResponse ConfigSource.
namespace config_source {
inline constexpr int8_t kTopic = 1;
inline constexpr int8_t kDynamicBroker = 2;
inline constexpr int8_t kDynamicDefaultBroker = 3;
inline constexpr int8_t kStaticBroker = 4;
inline constexpr int8_t kDefault = 5;
inline constexpr int8_t kDynamicBrokerLogger = 6;
}  // namespace config_source

// DescribeConfigsResponse ConfigType of a declared key's type.
int8_t wire_type(sdk::ConfigType type);

struct ConfigSynonymEntry {
  std::string name;
  std::optional<std::string> value;  // null when sensitive
  int8_t source = config_source::kDefault;
};

struct DescribedConfig {
  std::string name;
  std::optional<std::string> value;  // null when sensitive or unset
  bool read_only = false;
  bool sensitive = false;
  int8_t source = config_source::kDefault;
  std::vector<ConfigSynonymEntry> synonyms;
  int8_t type = 0;  // DescribeConfigsResponse ConfigType: 1 BOOLEAN ... 9 PASSWORD
  std::string documentation;
};

// Every topic config of `topic`, sorted by name.
std::vector<DescribedConfig> describe_topic_configs(BrokerServices& broker,
                                                    const sdk::TopicInfo& topic);

// broker_id == this node: every declared broker key. broker_id == -1 (the cluster
// default, resource name ""): only the dynamic defaults that are set, as Kafka does.
std::vector<DescribedConfig> describe_broker_configs(BrokerServices& broker, int32_t broker_id);

}  // namespace skiff::kernel::server
