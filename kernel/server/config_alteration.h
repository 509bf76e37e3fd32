// Changing a resource's dynamic configs, shared by AlterConfigs (full replace) and
// IncrementalAlterConfigs (SET/DELETE/APPEND/SUBTRACT): the handler turns its request
// into ConfigChanges against the resource's current dynamic values; this file
// resolves the resource, validates with Kafka's errors and applies:
//   TOPIC  - topic config names and values (kInvalidConfig), stored by the
//            controller, pushed to the topic's partitions;
//   BROKER - dynamic broker keys only (static ones: kInvalidRequest "Cannot update
//            these configs dynamically: Set(...)"), for this node or the cluster
//            default (""), stored by the controller and layered into ConfigStore;
//   BROKER_LOGGER - subsystem log levels, in memory (broker_loggers.h).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "skiff/sdk/config.h"
#include "skiff/sdk/controller.h"
#include "skiff/sdk/error_code.h"

namespace skiff::kernel::server {

struct BrokerServices;

using ConfigOutcome = sdk::Status;

// The declared key of a config name for the resource's type; null when unknown.
using ConfigKeyLookup = std::function<const sdk::ConfigKey*(std::string_view name)>;

// Fills `changes` (nullopt deletes an override) from the resource's current dynamic
// values; returns an error to reject the resource without changing anything.
using ConfigChangeBuilder = std::function<ConfigOutcome(
    const std::map<std::string, std::string>& current, const ConfigKeyLookup& lookup,
    sdk::ConfigChanges& changes)>;

// Resolves (type, name), builds the changes, validates and (unless validate_only)
// applies them. Alterations are serialized so concurrent requests never lose updates.
ConfigOutcome alter_resource_configs(BrokerServices& broker, int8_t resource_type,
                                     const std::string& resource_name,
                                     const ConfigChangeBuilder& build, bool validate_only);

// A valid topic config value in normal form (trimmed, booleans in lower case); other
// values come back unchanged for validation to report.
std::string normalize_topic_config(std::string_view name, std::string value);

}  // namespace skiff::kernel::server
