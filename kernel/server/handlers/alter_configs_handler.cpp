// AlterConfigs (key 33): replaces a topic's or broker's dynamic configs with the
// given set; keys not listed lose their override. Null values are refused.
#include "kernel/protocol/generated/alter_configs_request.h"
#include "kernel/protocol/generated/alter_configs_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/config_alteration.h"
#include "kernel/server/config_resource.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::AlterConfigsRequest;
using protocol::AlterConfigsResponse;

ConfigOutcome replace_configs(const AlterConfigsRequest::AlterConfigsResource& resource,
                              const std::map<std::string, std::string>& current,
                              sdk::ConfigChanges& changes) {
  std::string null_keys;
  for (const auto& config : resource.configs) {
    if (!config.value) null_keys += (null_keys.empty() ? "" : ", ") + config.name;
  }
  if (!null_keys.empty()) {
    return {sdk::ErrorCode::kInvalidRequest, "Null value not supported for : " + null_keys};
  }
  for (const auto& [key, value] : current) changes[key] = std::nullopt;
  for (const auto& config : resource.configs) changes[config.name] = *config.value;
  // Unchanged keys need no write.
  for (auto it = changes.begin(); it != changes.end();) {
    auto old = current.find(it->first);
    bool same = it->second && old != current.end() && old->second == *it->second;
    it = same ? changes.erase(it) : std::next(it);
  }
  return {};
}

}  // namespace

void handle_alter_configs(RequestContext& ctx, AlterConfigsRequest& request,
                          Responder<AlterConfigsResponse> respond) {
  AlterConfigsResponse response;
  auto duplicated = duplicated_config_resources(request.resources);
  for (const auto& resource : request.resources) {
    AlterConfigsResponse::AlterConfigsResourceResponse result;
    result.resource_type = resource.resource_type;
    result.resource_name = resource.resource_name;
    if (duplicated.contains({resource.resource_type, resource.resource_name})) {
      result.error_code = sdk::to_wire(sdk::ErrorCode::kInvalidRequest);
      result.error_message = kDuplicateResourceMessage;
      response.responses.push_back(std::move(result));
      continue;
    }
    if (static_cast<ConfigResourceType>(resource.resource_type) == ConfigResourceType::kBrokerLogger) {
      // As Kafka: a full replace of logger levels makes no sense; use the incremental API.
      result.error_code = sdk::to_wire(sdk::ErrorCode::kInvalidRequest);
      result.error_message = "AlterConfigs does not support BROKER_LOGGER; use IncrementalAlterConfigs";
      response.responses.push_back(std::move(result));
      continue;
    }
    auto access = config_resource_access(ctx, sdk::AclOperation::kAlterConfigs,
                                         resource.resource_type, resource.resource_name);
    if (access != sdk::ErrorCode::kNone) {
      result.error_code = sdk::to_wire(access);
      result.error_message = "Authorization failed.";
      response.responses.push_back(std::move(result));
      continue;
    }
    auto outcome = alter_resource_configs(
        ctx.broker, resource.resource_type, resource.resource_name,
        [&](const auto& current, const ConfigKeyLookup&, sdk::ConfigChanges& changes) {
          return replace_configs(resource, current, changes);
        },
        request.validate_only);
    result.error_code = sdk::to_wire(outcome.error);
    if (outcome.ok()) result.error_message = std::nullopt;
    else result.error_message = outcome.message;
    response.responses.push_back(std::move(result));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
