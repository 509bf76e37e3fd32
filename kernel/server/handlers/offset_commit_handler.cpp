// OffsetCommit (key 8): commits of group members and of consumers outside group
// management (generation -1); answered once the offsets are durable. Partitions
// that do not exist are answered UNKNOWN_TOPIC_OR_PARTITION without a commit.
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/known_partitions.h"
#include "kernel/protocol/generated/offset_commit_request.h"
#include "kernel/protocol/generated/offset_commit_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

using protocol::OffsetCommitResponse;
using sdk::ErrorCode;

void handle_offset_commit(RequestContext& ctx, protocol::OffsetCommitRequest& request,
                          Responder<OffsetCommitResponse> respond) {
  const bool has_retention = respond.version() >= 2 && respond.version() <= 4;
  groups::GroupCoordinator::CommitRequest commit;
  commit.group_id = request.group_id;
  commit.member_id = request.member_id;
  commit.instance_id = request.group_instance_id;
  commit.generation = request.generation_id_or_member_epoch;

  // The response in request order; `pending[i]` is where commit.partitions[i] goes.
  auto response = std::make_shared<OffsetCommitResponse>();
  std::vector<std::pair<size_t, size_t>> pending;
  groups::KnownPartitions known(ctx.broker.controller);
  // Kafka: READ on the group (else every partition fails), then READ on each topic.
  const bool group_allowed =
      authorized(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kGroup, request.group_id);
  const auto readable =
      group_allowed ? authorized_each(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kTopic,
                                      request.topics,
                                      &protocol::OffsetCommitRequest::OffsetCommitRequestTopic::name)
                    : std::vector<bool>(request.topics.size(), false);
  for (size_t t = 0; t < request.topics.size(); ++t) {
    auto& topic = request.topics[t];
    OffsetCommitResponse::OffsetCommitResponseTopic out;
    out.name = topic.name;
    for (auto& p : topic.partitions) {
      OffsetCommitResponse::OffsetCommitResponsePartition result;
      result.partition_index = p.partition_index;
      if (!group_allowed) {
        result.error_code = sdk::to_wire(ErrorCode::kGroupAuthorizationFailed);
      } else if (!readable[t]) {
        result.error_code = sdk::to_wire(ErrorCode::kTopicAuthorizationFailed);
      } else if (!known.exists(topic.name, p.partition_index)) {
        result.error_code = sdk::to_wire(ErrorCode::kUnknownTopicOrPartition);
      } else {
        groups::GroupCoordinator::CommitPartition c;
        c.topic = topic.name;
        c.partition = p.partition_index;
        c.offset = p.committed_offset;
        c.leader_epoch = p.committed_leader_epoch;
        c.metadata = p.committed_metadata.value_or("");
        c.retention_ms = has_retention ? request.retention_time_ms : -1;
        pending.emplace_back(response->topics.size(), out.partitions.size());
        commit.partitions.push_back(std::move(c));
      }
      out.partitions.push_back(result);
    }
    response->topics.push_back(std::move(out));
  }
  if (commit.partitions.empty()) {
    respond.send(*response);
    return;
  }
  ctx.broker.groups.commit_offsets(
      std::move(commit),
      [respond, response, pending = std::move(pending)](std::vector<ErrorCode> errors) mutable {
        for (size_t i = 0; i < errors.size(); ++i) {
          auto [t, p] = pending[i];
          response->topics[t].partitions[p].error_code = sdk::to_wire(errors[i]);
        }
        respond.send(*response);
      });
}

}  // namespace skiff::kernel::server
