// Metadata (key 3): brokers, controller, cluster id, and topics with their
// partitions, leaders and epochs; auto-creates requested topics when allowed.
// Only topics the client may DESCRIBE are listed; auto-creation needs CREATE on
// the cluster or the topic.
#include "kernel/config/config_store.h"
#include "kernel/protocol/generated/metadata_request.h"
#include "kernel/protocol/generated/metadata_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"
#include "kernel/server/topic_admin.h"

namespace skiff::kernel::server {
namespace {

using protocol::MetadataResponse;

MetadataResponse::MetadataResponseTopic describe(const sdk::TopicInfo& topic) {
  MetadataResponse::MetadataResponseTopic out;
  out.name = topic.name;
  out.topic_id = topic.id;
  out.is_internal = topic.internal;
  for (const auto& p : topic.partitions) {
    MetadataResponse::MetadataResponsePartition part;
    part.partition_index = p.partition;
    part.leader_id = p.leader;
    part.leader_epoch = p.leader_epoch;
    part.replica_nodes = p.replicas;
    part.isr_nodes = p.isr;
    if (p.leader < 0) part.error_code = sdk::to_wire(sdk::ErrorCode::kLeaderNotAvailable);
    out.partitions.push_back(std::move(part));
  }
  return out;
}

MetadataResponse::MetadataResponseTopic unknown_topic(std::optional<std::string> name,
                                                      sdk::Uuid id, sdk::ErrorCode error) {
  MetadataResponse::MetadataResponseTopic out;
  out.name = std::move(name);
  out.topic_id = id;
  out.error_code = sdk::to_wire(error);
  return out;
}

}  // namespace

void handle_metadata(RequestContext& ctx, protocol::MetadataRequest& request,
                     Responder<MetadataResponse> respond) {
  BrokerServices& broker = ctx.broker;
  MetadataResponse response;
  for (const auto& b : broker.controller.brokers()) {
    for (const auto& endpoint : b.endpoints) {
      // Clients are told the address of the listener they connected through.
      if (endpoint.listener != ctx.connection->identity.listener) continue;
      MetadataResponse::MetadataResponseBroker out;
      out.node_id = b.node_id;
      out.host = endpoint.host;
      out.port = endpoint.port;
      if (!b.rack.empty()) out.rack = b.rack;
      response.brokers.push_back(std::move(out));
    }
  }
  response.cluster_id = broker.controller.cluster_id();
  response.controller_id = broker.controller.active_controller_id();

  // v0: an empty list means every topic; v1+: null means every topic.
  bool all_topics = !request.topics.has_value() || (respond.version() == 0 && request.topics->empty());
  if (all_topics) {
    auto topics = broker.controller.topics();
    // Listing everything is not an attempt on each topic: no denial is audited.
    auto visible = authorized_each(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTopic,
                                   topics, &sdk::TopicInfo::name, AuditDenials::kNo);
    for (size_t i = 0; i < topics.size(); ++i) {
      if (visible[i]) response.topics.push_back(describe(topics[i]));
    }
  } else {
    const bool client_allows_creation = respond.version() < 4 || request.allow_auto_topic_creation;
    // Asked once, and only when a requested topic is missing.
    std::optional<bool> may_create_any;
    auto may_create = [&](const std::string& name) {
      if (!may_create_any) {
        may_create_any = authorized_on_cluster(ctx, sdk::AclOperation::kCreate, AuditDenials::kNo);
      }
      return *may_create_any ||
             authorized(ctx, sdk::AclOperation::kCreate, sdk::ResourceType::kTopic, name);
    };
    for (const auto& requested : *request.topics) {
      if (!requested.name) {
        auto topic = broker.controller.topic_by_id(requested.topic_id);
        if (topic && !authorized(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTopic,
                                 topic->name)) {
          response.topics.push_back(unknown_topic(std::nullopt, requested.topic_id,
                                                  sdk::ErrorCode::kTopicAuthorizationFailed));
          continue;
        }
        response.topics.push_back(
            topic ? describe(*topic)
                  : unknown_topic(std::nullopt, requested.topic_id, sdk::ErrorCode::kUnknownTopicId));
        continue;
      }
      const std::string& name = *requested.name;
      if (!authorized(ctx, sdk::AclOperation::kDescribe, sdk::ResourceType::kTopic, name)) {
        response.topics.push_back(
            unknown_topic(name, {}, sdk::ErrorCode::kTopicAuthorizationFailed));
        continue;
      }
      auto found = find_or_auto_create_topic(broker, name, client_allows_creation,
                                             [&] { return may_create(name); });
      response.topics.push_back(
          found.topic             ? describe(*found.topic)
          : found.creation_denied ? unknown_topic(name, {}, sdk::ErrorCode::kTopicAuthorizationFailed)
                                  : unknown_topic(name, {}, sdk::ErrorCode::kUnknownTopicOrPartition));
    }
  }
  if (request.include_topic_authorized_operations) {
    for (auto& topic : response.topics) {
      if (topic.error_code == 0 && topic.name) {
        topic.topic_authorized_operations =
            authorized_operations(ctx, sdk::ResourceType::kTopic, *topic.name);
      }
    }
  }
  if (request.include_cluster_authorized_operations) {
    response.cluster_authorized_operations = authorized_operations(
        ctx, sdk::ResourceType::kCluster, sdk::kClusterResourceName);
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
