// IncrementalAlterConfigs (key 44): per key SET, DELETE (back to the default), or
// APPEND / SUBTRACT items of a list config, on a topic or broker resource.
#include <algorithm>
#include <set>

#include "kernel/protocol/generated/incremental_alter_configs_request.h"
#include "kernel/protocol/generated/incremental_alter_configs_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/config_alteration.h"
#include "kernel/server/config_resource.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::IncrementalAlterConfigsRequest;
using protocol::IncrementalAlterConfigsResponse;

enum class OpType : int8_t { kSet = 0, kDelete = 1, kAppend = 2, kSubtract = 3 };

const char* op_name(OpType op) {
  switch (op) {
    case OpType::kSet: return "SET";
    case OpType::kDelete: return "DELETE";
    case OpType::kAppend: return "APPEND";
    case OpType::kSubtract: return "SUBTRACT";
  }
  return "UNKNOWN";
}

// Comma-separated items, empty ones dropped (Kafka's getParts).
std::vector<std::string> parts(const std::string& value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    if (end > start) out.push_back(value.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ",") + item;
  return out;
}

ConfigOutcome incremental_changes(const IncrementalAlterConfigsRequest::AlterConfigsResource& resource,
                                  const std::map<std::string, std::string>& current,
                                  const ConfigKeyLookup& lookup, sdk::ConfigChanges& changes) {
  std::map<std::string, std::string> next = current;
  for (const auto& config : resource.configs) {
    auto op = static_cast<OpType>(config.config_operation);
    if (config.config_operation < 0 || config.config_operation > 3) {
      return {sdk::ErrorCode::kInvalidRequest,
              "Unknown config operation type " + std::to_string(config.config_operation)};
    }
    if (op != OpType::kDelete && !config.value) {
      return {sdk::ErrorCode::kInvalidRequest, "Null value not supported for : " + config.name};
    }
    switch (op) {
      case OpType::kSet:
        next[config.name] = *config.value;
        break;
      case OpType::kDelete:
        next.erase(config.name);
        break;
      case OpType::kAppend:
      case OpType::kSubtract: {
        const sdk::ConfigKey* key = lookup(config.name);
        if (!key || key->type != sdk::ConfigType::kList) {
          return {sdk::ErrorCode::kInvalidConfig, std::string("Can't ") + op_name(op) + " to key " +
                                                      config.name + " because its type is not LIST."};
        }
        // The base is the override, else the key's default (as Kafka does).
        auto it = next.find(config.name);
        std::vector<std::string> items =
            parts(it != next.end() ? it->second : key->default_value.value_or(""));
        for (const auto& item : parts(*config.value)) {
          auto found = std::find(items.begin(), items.end(), item);
          if (op == OpType::kAppend && found == items.end()) items.push_back(item);
          if (op == OpType::kSubtract && found != items.end()) items.erase(found);
        }
        next[config.name] = join(items);
        break;
      }
    }
  }
  for (const auto& [key, value] : current) {
    if (!next.contains(key)) changes[key] = std::nullopt;
  }
  for (const auto& [key, value] : next) {
    auto old = current.find(key);
    if (old == current.end() || old->second != value) changes[key] = value;
  }
  return {};
}

// Keys named more than once in one resource ("Error due to duplicate config keys").
std::string duplicate_keys(const IncrementalAlterConfigsRequest::AlterConfigsResource& resource) {
  std::set<std::string> seen;
  std::set<std::string> duplicated;
  for (const auto& config : resource.configs) {
    if (!seen.insert(config.name).second) duplicated.insert(config.name);
  }
  std::string out;
  for (const auto& key : duplicated) out += (out.empty() ? "" : ",") + key;
  return out;
}

}  // namespace

void handle_incremental_alter_configs(RequestContext& ctx, IncrementalAlterConfigsRequest& request,
                                      Responder<IncrementalAlterConfigsResponse> respond) {
  IncrementalAlterConfigsResponse response;
  auto duplicated = duplicated_config_resources(request.resources);
  for (const auto& resource : request.resources) {
    IncrementalAlterConfigsResponse::AlterConfigsResourceResponse result;
    result.resource_type = resource.resource_type;
    result.resource_name = resource.resource_name;
    ConfigOutcome outcome;
    if (duplicated.contains({resource.resource_type, resource.resource_name})) {
      outcome = {sdk::ErrorCode::kInvalidRequest, kDuplicateResourceMessage};
    } else if (std::string keys = duplicate_keys(resource); !keys.empty()) {
      outcome = {sdk::ErrorCode::kInvalidRequest, "Error due to duplicate config keys : " + keys};
    } else if (auto access = config_resource_access(ctx, sdk::AclOperation::kAlterConfigs,
                                                    resource.resource_type, resource.resource_name);
               access != sdk::ErrorCode::kNone) {
      outcome = {access, "Authorization failed."};
    } else {
      outcome = alter_resource_configs(
          ctx.broker, resource.resource_type, resource.resource_name,
          [&](const auto& current, const ConfigKeyLookup& lookup, sdk::ConfigChanges& changes) {
            return incremental_changes(resource, current, lookup, changes);
          },
          request.validate_only);
    }
    result.error_code = sdk::to_wire(outcome.error);
    if (outcome.ok()) result.error_message = std::nullopt;
    else result.error_message = outcome.message;
    response.responses.push_back(std::move(result));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
