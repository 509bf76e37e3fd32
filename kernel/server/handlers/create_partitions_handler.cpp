// CreatePartitions (key 37): raises a topic's partition count (never lowers it);
// manual assignments must name this node once per new partition; validate_only
// checks without creating.
#include <map>

#include "kernel/protocol/generated/create_partitions_request.h"
#include "kernel/protocol/generated/create_partitions_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/replica_assignment.h"
#include "kernel/server/topic_admin.h"

namespace skiff::kernel::server {
namespace {

using protocol::CreatePartitionsRequest;
using protocol::CreatePartitionsResponse;
using Result = CreatePartitionsResponse::CreatePartitionsTopicResult;


Result grow(BrokerServices& broker, const CreatePartitionsRequest::CreatePartitionsTopic& request,
            bool validate_only) {
  auto fail = [&](sdk::ErrorCode error, std::string message) {
    return refused_topic<Result>(request.name, error, std::move(message));
  };
  auto topic = broker.controller.topic(request.name);
  if (!topic) {
    return fail(sdk::ErrorCode::kUnknownTopicOrPartition,
                "This server does not host this topic-partition.");
  }
  auto current = static_cast<int32_t>(topic->partitions.size());
  if (request.count == current) {
    return fail(sdk::ErrorCode::kInvalidPartitions,
                "Topic already has " + std::to_string(current) + " partition(s).");
  }
  if (request.count < current) {
    return fail(sdk::ErrorCode::kInvalidPartitions,
                "The topic " + request.name + " currently has " + std::to_string(current) +
                    " partition(s); " + std::to_string(request.count) + " would not be an increase.");
  }
  if (request.assignments) {
    int32_t additional = request.count - current;
    if (static_cast<int32_t>(request.assignments->size()) != additional) {
      return fail(sdk::ErrorCode::kInvalidReplicaAssignment,
                  "Attempted to add " + std::to_string(additional) +
                      " additional partition(s), but only " +
                      std::to_string(request.assignments->size()) + " assignment(s) were specified.");
    }
    std::vector<int32_t> registered;
    for (const auto& b : broker.controller.brokers()) registered.push_back(b.node_id);
    auto replication = static_cast<int32_t>(
        topic->partitions.empty() ? 1 : topic->partitions.front().replicas.size());
    for (const auto& assignment : *request.assignments) {
      auto check = check_partition_assignment(assignment.broker_ids, replication, registered,
                                              broker.node_id);
      if (!check.ok()) return fail(check.error, check.message);
    }
  }
  sdk::ControllerStatus status;
  try {
    status = broker.controller.create_partitions(request.name, request.count, validate_only);
  } catch (const std::exception& e) {
    status = {sdk::ErrorCode::kUnknownServerError, e.what()};
  }
  if (!status.ok()) return fail(status.error, status.message);
  if (!validate_only) {
    broker.logger.info("topic '" + request.name + "' now has " + std::to_string(request.count) +
                       " partitions");
  }
  Result result;
  result.name = request.name;
  result.error_message = std::nullopt;
  return result;
}

}  // namespace

void handle_create_partitions(RequestContext& ctx, CreatePartitionsRequest& request,
                              Responder<CreatePartitionsResponse> respond) {
  std::map<std::string, int> occurrences;
  for (const auto& topic : request.topics) ++occurrences[topic.name];

  CreatePartitionsResponse response;
  std::map<std::string, bool> answered;
  for (const auto& topic : request.topics) {
    if (occurrences[topic.name] > 1) {
      if (answered[topic.name]) continue;
      answered[topic.name] = true;
      response.results.push_back(refused_topic<Result>(topic.name, sdk::ErrorCode::kInvalidRequest,
                                                 "Duplicate topic name."));
      continue;
    }
    if (!authorized(ctx, sdk::AclOperation::kAlter, sdk::ResourceType::kTopic, topic.name)) {
      response.results.push_back(refused_topic<Result>(
          topic.name, sdk::ErrorCode::kTopicAuthorizationFailed, "Authorization failed."));
      continue;
    }
    response.results.push_back(grow(ctx.broker, topic, request.validate_only));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
