// Metadata (key 3): brokers, controller, cluster id, and topics with their
// partitions, leaders and epochs; auto-creates requested topics when allowed.
#include "kernel/protocol/generated/metadata_request.h"
#include "kernel/protocol/generated/metadata_response.h"
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
    for (const auto& topic : broker.controller.topics()) response.topics.push_back(describe(topic));
  } else {
    bool allow_creation = respond.version() < 4 || request.allow_auto_topic_creation;
    for (const auto& requested : *request.topics) {
      if (!requested.name) {
        auto topic = broker.controller.topic_by_id(requested.topic_id);
        response.topics.push_back(
            topic ? describe(*topic)
                  : unknown_topic(std::nullopt, requested.topic_id, sdk::ErrorCode::kUnknownTopicId));
        continue;
      }
      auto topic = find_or_auto_create_topic(broker, *requested.name, allow_creation);
      response.topics.push_back(
          topic ? describe(*topic)
                : unknown_topic(requested.name, {}, sdk::ErrorCode::kUnknownTopicOrPartition));
    }
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
