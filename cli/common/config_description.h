// Topic and broker configs as DescribeConfigs reports them (value, source, synonyms),
// copied out of librdkafka's result so they outlive the result event.
#pragma once

#include <librdkafka/rdkafka.h>

#include <optional>
#include <string>
#include <vector>

#include "common/admin_client.h"
#include "common/rdkafka_handles.h"

namespace skiff::cli {

struct ConfigSynonym {
  std::string name;
  std::optional<std::string> value;  // nullopt: null (unset, or sensitive)
  rd_kafka_ConfigSource_t source = RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG;
};

struct ConfigEntry {
  std::string name;
  std::optional<std::string> value;
  rd_kafka_ConfigSource_t source = RD_KAFKA_CONFIG_SOURCE_UNKNOWN_CONFIG;
  bool sensitive = false;
  bool read_only = false;
  std::vector<ConfigSynonym> synonyms;
};

struct ResourceConfig {
  std::string name;
  std::vector<ConfigEntry> entries;  // sorted by name
};

// Describes the configs of each named resource. CommandError if the request or any
// resource fails.
std::vector<ResourceConfig> describe_configs(AdminClient& admin, rd_kafka_ResourceType_t type,
                                             const std::vector<std::string>& names);

// The source of values set on this very resource by AlterConfigs: a topic's own
// overrides or one broker's dynamic configs.
rd_kafka_ConfigSource_t dynamic_source_of(rd_kafka_ResourceType_t type);

// A config resource for describe or alter; CommandError if librdkafka refuses the name.
ConfigResourcePtr new_config_resource(rd_kafka_ResourceType_t type, const std::string& name);

}  // namespace skiff::cli
