// Resolving config resources (topic, broker, cluster default); see config_resource.h.
#include "kernel/server/config_resource.h"

#include <charconv>

namespace skiff::kernel::server {

namespace {

const char* type_name(int8_t type) {
  switch (static_cast<ConfigResourceType>(type)) {
    case ConfigResourceType::kTopic: return "TOPIC";
    case ConfigResourceType::kBroker: return "BROKER";
    case ConfigResourceType::kBrokerLogger: return "BROKER_LOGGER";
    default: return "UNKNOWN";
  }
}

}  // namespace

ConfigResourceRef resolve_config_resource(int8_t type, const std::string& name, int32_t node_id) {
  ConfigResourceRef ref;
  switch (static_cast<ConfigResourceType>(type)) {
    case ConfigResourceType::kTopic:
      ref.type = ConfigResourceType::kTopic;
      ref.topic = name;
      if (name.empty()) {
        ref.error = sdk::ErrorCode::kInvalidTopicException;
        ref.message = "Topic name is invalid: the empty string is not allowed";
      }
      return ref;
    case ConfigResourceType::kBroker:
    case ConfigResourceType::kBrokerLogger: {
      ref.type = static_cast<ConfigResourceType>(type);
      // Loggers belong to one broker: they have no cluster-wide default.
      if (name.empty() && ref.type == ConfigResourceType::kBroker) return ref;
      int32_t id = 0;
      auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
      if (ec != std::errc() || end != name.data() + name.size()) {
        ref.error = sdk::ErrorCode::kInvalidRequest;
        ref.message = "Unable to parse broker name as a base 10 number.";
      } else if (id != node_id) {
        ref.error = sdk::ErrorCode::kInvalidRequest;
        ref.message = "Unexpected broker id, expected " + std::to_string(node_id) +
                      " or empty string, but received " + name;
      } else {
        ref.broker_id = id;
      }
      return ref;
    }
    default:
      ref.error = sdk::ErrorCode::kInvalidRequest;
      ref.message = "Unsupported resource type: " + std::string(type_name(type)) + " (" +
                    std::to_string(type) + ")";
      return ref;
  }
}

std::string describe_config_resource(int8_t type, const std::string& name) {
  return "ConfigResource(type=" + std::string(type_name(type)) + ", name='" + name + "')";
}

}  // namespace skiff::kernel::server
