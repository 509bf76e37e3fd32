// DescribeConfigs (key 32): a topic's configs (value, source, synonyms) or this
// broker's (every declared key; read-only unless dynamic; passwords hidden), or the
// cluster-wide dynamic defaults (broker resource ""), or its loggers' levels
// (BROKER_LOGGER), optionally filtered by name.
#include <algorithm>

#include "kernel/protocol/generated/describe_configs_request.h"
#include "kernel/protocol/generated/describe_configs_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_loggers.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/config_describer.h"
#include "kernel/server/config_resource.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::DescribeConfigsRequest;
using protocol::DescribeConfigsResponse;

DescribeConfigsResponse::DescribeConfigsResourceResult to_wire(DescribedConfig config,
                                                               const DescribeConfigsRequest& request) {
  DescribeConfigsResponse::DescribeConfigsResourceResult out;
  out.name = std::move(config.name);
  out.value = std::move(config.value);
  out.read_only = config.read_only;
  // is_default exists only in v0, which Skiff does not serve (KIP-896).
  out.config_source = config.source;
  out.is_sensitive = config.sensitive;
  if (request.include_synonyms) {
    for (auto& synonym : config.synonyms) {
      DescribeConfigsResponse::DescribeConfigsSynonym s;
      s.name = std::move(synonym.name);
      s.value = std::move(synonym.value);
      s.source = synonym.source;
      out.synonyms.push_back(std::move(s));
    }
  }
  out.config_type = config.type;
  if (request.include_documentation) out.documentation = std::move(config.documentation);
  else out.documentation = std::nullopt;
  return out;
}

DescribeConfigsResponse::DescribeConfigsResult describe(
    const RequestContext& ctx, const DescribeConfigsRequest& request,
    const DescribeConfigsRequest::DescribeConfigsResource& resource) {
  BrokerServices& broker = ctx.broker;
  DescribeConfigsResponse::DescribeConfigsResult result;
  result.resource_type = resource.resource_type;
  result.resource_name = resource.resource_name;
  result.error_message = std::nullopt;
  auto fail = [&](sdk::ErrorCode error, std::string message) {
    result.error_code = sdk::to_wire(error);
    result.error_message = std::move(message);
    return result;
  };

  ConfigResourceRef ref =
      resolve_config_resource(resource.resource_type, resource.resource_name, broker.node_id);
  if (!ref.ok()) return fail(ref.error, ref.message);
  auto access = config_resource_access(ctx, sdk::AclOperation::kDescribeConfigs,
                                       resource.resource_type, resource.resource_name);
  if (access != sdk::ErrorCode::kNone) return fail(access, "Authorization failed.");

  std::vector<DescribedConfig> configs;
  try {
    if (ref.type == ConfigResourceType::kBrokerLogger) {
      if (broker.logs != nullptr) configs = describe_broker_loggers(*broker.logs);
    } else if (ref.type == ConfigResourceType::kTopic) {
      auto topic = broker.controller.topic(ref.topic);
      if (!topic) {
        return fail(sdk::ErrorCode::kUnknownTopicOrPartition,
                    "The topic '" + ref.topic + "' does not exist.");
      }
      configs = describe_topic_configs(broker, *topic);
    } else {
      configs = describe_broker_configs(broker, ref.broker_id);
    }
  } catch (const std::exception& e) {
    return fail(sdk::ErrorCode::kUnknownServerError, e.what());
  }

  const auto& keys = resource.configuration_keys;
  for (auto& config : configs) {
    // Null or empty lists every config, as Kafka does.
    if (keys && !keys->empty() && std::find(keys->begin(), keys->end(), config.name) == keys->end()) continue;
    result.configs.push_back(to_wire(std::move(config), request));
  }
  return result;
}

}  // namespace

void handle_describe_configs(RequestContext& ctx, DescribeConfigsRequest& request,
                             Responder<DescribeConfigsResponse> respond) {
  DescribeConfigsResponse response;
  for (const auto& resource : request.resources) {
    response.results.push_back(describe(ctx, request, resource));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
