// CreateTopics (key 19): creates topics with partition counts, replication factors
// (-1: the broker defaults), manual assignments (only [this node] per partition)
// and validated configs; validate_only checks without creating. v5+ answers with
// the topic's partitions, replication factor and every config; v7+ its id.
// Needs CREATE on the cluster or the topic; the configs are shown only with
// DESCRIBE_CONFIGS on the topic.
#include <map>

#include "kernel/protocol/generated/create_topics_request.h"
#include "kernel/protocol/generated/create_topics_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/config_alteration.h"
#include "kernel/server/config_describer.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/replica_assignment.h"
#include "kernel/server/topic_admin.h"

namespace skiff::kernel::server {
namespace {

using protocol::CreateTopicsRequest;
using protocol::CreateTopicsResponse;
using Result = CreateTopicsResponse::CreatableTopicResult;


struct Failure {
  sdk::ErrorCode error = sdk::ErrorCode::kNone;
  std::string message;
};

// Turns manual assignments into a partition count (replicas are always this node).
Failure apply_assignments(BrokerServices& broker, const CreateTopicsRequest::CreatableTopic& topic,
                          sdk::NewTopic& spec) {
  if (topic.assignments.empty()) return {};
  if (topic.replication_factor != -1) {
    return {sdk::ErrorCode::kInvalidRequest,
            "A manual partition assignment was specified, but replication factor was not set to -1."};
  }
  if (topic.num_partitions != -1) {
    return {sdk::ErrorCode::kInvalidRequest,
            "A manual partition assignment was specified, but numPartitions was not set to -1."};
  }
  std::vector<int32_t> registered;
  for (const auto& b : broker.controller.brokers()) registered.push_back(b.node_id);
  std::map<int32_t, bool> seen;
  int32_t replicas = -1;
  for (const auto& assignment : topic.assignments) {
    if (seen.contains(assignment.partition_index)) {
      return {sdk::ErrorCode::kInvalidReplicaAssignment,
              "Found multiple manual partition assignments for partition " +
                  std::to_string(assignment.partition_index)};
    }
    seen[assignment.partition_index] = true;
    auto check = check_partition_assignment(assignment.broker_ids, replicas, registered, broker.node_id);
    if (!check.ok()) return {check.error, check.message};
    replicas = static_cast<int32_t>(assignment.broker_ids.size());
  }
  for (int32_t i = 0; i < static_cast<int32_t>(seen.size()); ++i) {
    if (!seen.contains(i)) {
      return {sdk::ErrorCode::kInvalidReplicaAssignment,
              "partitions should be a consecutive 0-based integer sequence"};
    }
  }
  spec.partitions = static_cast<int32_t>(seen.size());
  spec.replication_factor = static_cast<int16_t>(replicas);
  return {};
}

Result create(BrokerServices& broker, const CreateTopicsRequest::CreatableTopic& topic,
              bool validate_only, bool may_describe_configs) {
  auto fail = [&](sdk::ErrorCode error, std::string message) {
    return refused_topic<Result>(topic.name, error, std::move(message));
  };
  if (broker.controller.topic(topic.name)) {
    return fail(sdk::ErrorCode::kTopicAlreadyExists, "Topic '" + topic.name + "' already exists.");
  }
  sdk::NewTopic spec;
  spec.name = topic.name;
  spec.partitions = topic.num_partitions;
  spec.replication_factor = topic.replication_factor;
  for (const auto& config : topic.configs) {
    if (!config.value) {
      return fail(sdk::ErrorCode::kInvalidConfig,
                  "Null value not supported for topic configs: " + config.name);
    }
    spec.configs[config.name] = normalize_topic_config(config.name, *config.value);
  }
  if (auto failure = apply_assignments(broker, topic, spec); failure.error != sdk::ErrorCode::kNone) {
    return fail(failure.error, failure.message);
  }

  TopicCreation created = create_topic(broker, std::move(spec), validate_only);
  if (created.error != sdk::ErrorCode::kNone) return fail(created.error, created.message);
  Result result;
  result.name = topic.name;
  result.error_message = std::nullopt;
  if (!created.topic) return result;
  const sdk::TopicInfo& info = *created.topic;
  result.topic_id = info.id;
  result.num_partitions = static_cast<int32_t>(info.partitions.size());
  result.replication_factor =
      static_cast<int16_t>(info.partitions.empty() ? 0 : info.partitions.front().replicas.size());
  if (!may_describe_configs) {
    result.topic_config_error_code = sdk::to_wire(sdk::ErrorCode::kTopicAuthorizationFailed);
    return result;
  }
  result.configs.emplace();
  try {
    for (auto& config : describe_topic_configs(broker, info)) {
      CreateTopicsResponse::CreatableTopicConfigs out;
      out.name = std::move(config.name);
      out.value = std::move(config.value);
      out.read_only = config.read_only;
      out.config_source = config.source;
      out.is_sensitive = config.sensitive;
      result.configs->push_back(std::move(out));
    }
  } catch (const std::exception& e) {
    // The topic exists; only its configs could not be described.
    result.topic_config_error_code = sdk::to_wire(sdk::ErrorCode::kUnknownServerError);
    result.configs = std::nullopt;
    broker.logger.warn("describing the configs of new topic '" + info.name + "' failed: " + e.what());
  }
  return result;
}

}  // namespace

void handle_create_topics(RequestContext& ctx, CreateTopicsRequest& request,
                          Responder<CreateTopicsResponse> respond) {
  std::map<std::string, int> occurrences;
  for (const auto& topic : request.topics) ++occurrences[topic.name];

  CreateTopicsResponse response;
  std::map<std::string, bool> answered;
  const bool may_create_any =
      authorized_on_cluster(ctx, sdk::AclOperation::kCreate, AuditDenials::kNo);
  for (const auto& topic : request.topics) {
    if (occurrences[topic.name] > 1) {
      // One answer per name; none of its copies is created.
      if (answered[topic.name]) continue;
      answered[topic.name] = true;
      response.topics.push_back(refused_topic<Result>(topic.name, sdk::ErrorCode::kInvalidRequest,
                                                 "Duplicate topic name."));
      continue;
    }
    if (!may_create_any &&
        !authorized(ctx, sdk::AclOperation::kCreate, sdk::ResourceType::kTopic, topic.name)) {
      response.topics.push_back(refused_topic<Result>(
          topic.name, sdk::ErrorCode::kTopicAuthorizationFailed, "Authorization failed."));
      continue;
    }
    const bool may_describe_configs = authorized(
        ctx, sdk::AclOperation::kDescribeConfigs, sdk::ResourceType::kTopic, topic.name,
        AuditDenials::kNo);
    response.topics.push_back(
        create(ctx.broker, topic, request.validate_only, may_describe_configs));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
