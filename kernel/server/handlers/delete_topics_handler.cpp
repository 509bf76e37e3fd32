// DeleteTopics (key 20): deletes topics by name (v0-5 topic_names, v6 topics) or by
// id (v6); refused for every topic when delete.topic.enable=false. Needs DELETE on
// each topic, asked before its existence so names do not leak.
#include <map>

#include "kernel/config/config_store.h"
#include "kernel/protocol/generated/delete_topics_request.h"
#include "kernel/protocol/generated/delete_topics_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::DeleteTopicsRequest;
using protocol::DeleteTopicsResponse;
using Result = DeleteTopicsResponse::DeletableTopicResult;

Result result_for(std::optional<std::string> name, sdk::Uuid id, sdk::ErrorCode error,
                  std::optional<std::string> message) {
  Result r;
  r.name = std::move(name);
  r.topic_id = id;
  r.error_code = sdk::to_wire(error);
  r.error_message = std::move(message);
  return r;
}

Result delete_one(BrokerServices& broker, const std::optional<sdk::TopicInfo>& topic) {
  sdk::ControllerStatus status;
  try {
    status = broker.controller.delete_topic(topic->name);
  } catch (const std::exception& e) {
    status = {sdk::ErrorCode::kUnknownServerError, e.what()};
  }
  if (status.ok()) broker.logger.info("deleted topic '" + topic->name + "'");
  return result_for(topic->name, topic->id, status.error,
                    status.ok() ? std::nullopt : std::optional<std::string>(status.message));
}

}  // namespace

void handle_delete_topics(RequestContext& ctx, DeleteTopicsRequest& request,
                          Responder<DeleteTopicsResponse> respond) {
  BrokerServices& broker = ctx.broker;
  // v0-5 name the topics in topic_names; v6 in topics, by name or id.
  std::vector<DeleteTopicsRequest::DeleteTopicState> wanted = request.topics;
  for (const auto& name : request.topic_names) {
    DeleteTopicsRequest::DeleteTopicState state;
    state.name = name;
    wanted.push_back(std::move(state));
  }

  DeleteTopicsResponse response;
  if (!broker.config.get_bool("delete.topic.enable", true)) {
    // Kafka fails the whole request: v0-2 with INVALID_REQUEST, later versions with
    // TOPIC_DELETION_DISABLED.
    auto error = respond.version() < 3 ? sdk::ErrorCode::kInvalidRequest
                                       : sdk::ErrorCode::kTopicDeletionDisabled;
    for (const auto& t : wanted) {
      response.responses.push_back(
          result_for(t.name, t.topic_id, error, std::string("Topic deletion is disabled.")));
    }
    respond.send(response);
    return;
  }

  std::map<std::string, int> names;
  std::map<sdk::Uuid, int> ids;
  for (const auto& t : wanted) {
    if (t.name) ++names[*t.name];
    else ++ids[t.topic_id];
  }
  std::map<std::string, bool> answered_names;
  std::map<sdk::Uuid, bool> answered_ids;
  for (const auto& t : wanted) {
    if (t.name && !t.topic_id.is_zero()) {
      response.responses.push_back(result_for(t.name, t.topic_id, sdk::ErrorCode::kInvalidRequest,
                                              "You may not specify both topic name and topic id."));
      continue;
    }
    if (t.name) {
      if (names[*t.name] > 1) {
        if (!answered_names[*t.name]) {
          answered_names[*t.name] = true;
          response.responses.push_back(result_for(t.name, {}, sdk::ErrorCode::kInvalidRequest,
                                                  "Duplicate topic name."));
        }
        continue;
      }
      if (!authorized(ctx, sdk::AclOperation::kDelete, sdk::ResourceType::kTopic, *t.name)) {
        response.responses.push_back(result_for(t.name, {}, sdk::ErrorCode::kTopicAuthorizationFailed,
                                                "Authorization failed."));
        continue;
      }
      auto topic = broker.controller.topic(*t.name);
      if (!topic) {
        response.responses.push_back(result_for(t.name, {}, sdk::ErrorCode::kUnknownTopicOrPartition,
                                                "This server does not host this topic-partition."));
        continue;
      }
      response.responses.push_back(delete_one(broker, topic));
      continue;
    }
    if (ids[t.topic_id] > 1) {
      if (!answered_ids[t.topic_id]) {
        answered_ids[t.topic_id] = true;
        response.responses.push_back(result_for(std::nullopt, t.topic_id,
                                                sdk::ErrorCode::kInvalidRequest, "Duplicate topic id."));
      }
      continue;
    }
    auto topic = t.topic_id.is_zero() ? std::nullopt : broker.controller.topic_by_id(t.topic_id);
    if (!topic) {
      response.responses.push_back(result_for(std::nullopt, t.topic_id, sdk::ErrorCode::kUnknownTopicId,
                                              "This server does not host this topic ID."));
      continue;
    }
    if (!authorized(ctx, sdk::AclOperation::kDelete, sdk::ResourceType::kTopic, topic->name)) {
      response.responses.push_back(result_for(std::nullopt, t.topic_id,
                                              sdk::ErrorCode::kTopicAuthorizationFailed,
                                              "Authorization failed."));
      continue;
    }
    response.responses.push_back(delete_one(broker, topic));
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
