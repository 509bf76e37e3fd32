// Which configuration a DescribeConfigs / AlterConfigs / IncrementalAlterConfigs
// resource names: a topic, this broker, the cluster-wide broker default, with
// Kafka's errors for anything else (bad broker names, other brokers, other types).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "skiff/sdk/error_code.h"

namespace skiff::kernel::server {

// ConfigResource.Type as numbered on the wire.
enum class ConfigResourceType : int8_t {
  kUnknown = 0,
  kTopic = 2,
  kBroker = 4,
  kBrokerLogger = 8,
};

// Controller broker id of the cluster-wide dynamic default ("" as a resource name).
inline constexpr int32_t kClusterDefaultBrokerId = -1;

struct ConfigResourceRef {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::string message;
  ConfigResourceType type = ConfigResourceType::kUnknown;
  std::string topic;                              // kTopic
  int32_t broker_id = kClusterDefaultBrokerId;  // kBroker: node id, or -1 for the default
                                                // kBrokerLogger: node id
  bool ok() const { return error == sdk::ErrorCode::kNone; }
};

// Resolves (type, name). Topics are not looked up here (callers report unknown ones
// with their API's error). Broker names must be "" or this node's id.
ConfigResourceRef resolve_config_resource(int8_t type, const std::string& name, int32_t node_id);

// Kafka's ConfigResource.toString(), used in error messages:
// "ConfigResource(type=BROKER, name='1')".
std::string describe_config_resource(int8_t type, const std::string& name);

// (type, name) pairs named more than once in one request; Kafka answers each of
// them with kInvalidRequest and alters none.
template <class Resources>
std::set<std::pair<int8_t, std::string>> duplicated_config_resources(const Resources& resources) {
  std::map<std::pair<int8_t, std::string>, int> seen;
  for (const auto& r : resources) ++seen[{r.resource_type, r.resource_name}];
  std::set<std::pair<int8_t, std::string>> out;
  for (const auto& [key, count] : seen) {
    if (count > 1) out.insert(key);
  }
  return out;
}

inline constexpr const char* kDuplicateResourceMessage = "Duplicate resource.";

}  // namespace skiff::kernel::server
