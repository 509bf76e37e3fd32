// OffsetDelete (key 47): removes committed offsets of a group for partitions it no
// longer consumes (any partition once the group is Empty).
#include "kernel/groups/group_coordinator.h"
#include "kernel/groups/known_partitions.h"
#include "kernel/protocol/generated/offset_delete_request.h"
#include "kernel/protocol/generated/offset_delete_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

using protocol::OffsetDeleteResponse;
using sdk::ErrorCode;

void handle_offset_delete(RequestContext& ctx, protocol::OffsetDeleteRequest& request,
                          Responder<OffsetDeleteResponse> respond) {
  if (!authorized(ctx, sdk::AclOperation::kDelete, sdk::ResourceType::kGroup, request.group_id)) {
    OffsetDeleteResponse failed;
    failed.error_code = sdk::to_wire(ErrorCode::kGroupAuthorizationFailed);
    respond.send(failed);
    return;
  }
  auto response = std::make_shared<OffsetDeleteResponse>();
  std::vector<std::pair<std::string, int32_t>> partitions;
  std::vector<std::pair<size_t, size_t>> pending;  // where partitions[i]'s result goes
  groups::KnownPartitions known(ctx.broker.controller);
  const auto readable =
      authorized_each(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kTopic, request.topics,
                      &protocol::OffsetDeleteRequest::OffsetDeleteRequestTopic::name);
  for (size_t t = 0; t < request.topics.size(); ++t) {
    const auto& topic = request.topics[t];
    OffsetDeleteResponse::OffsetDeleteResponseTopic out;
    out.name = topic.name;
    for (const auto& p : topic.partitions) {
      OffsetDeleteResponse::OffsetDeleteResponsePartition result;
      result.partition_index = p.partition_index;
      if (!readable[t]) {
        result.error_code = sdk::to_wire(ErrorCode::kTopicAuthorizationFailed);
      } else if (!known.exists(topic.name, p.partition_index)) {
        result.error_code = sdk::to_wire(ErrorCode::kUnknownTopicOrPartition);
      } else {
        pending.emplace_back(response->topics.size(), out.partitions.size());
        partitions.emplace_back(topic.name, p.partition_index);
      }
      out.partitions.push_back(result);
    }
    response->topics.push_back(std::move(out));
  }
  ctx.broker.groups.delete_offsets(
      request.group_id, std::move(partitions),
      [respond, response, pending = std::move(pending)](
          groups::GroupCoordinator::OffsetDeleteResult result) mutable {
        if (result.error != ErrorCode::kNone) {
          // A group-level error answers for the whole request.
          OffsetDeleteResponse failed;
          failed.error_code = sdk::to_wire(result.error);
          respond.send(failed);
          return;
        }
        for (size_t i = 0; i < result.partitions.size(); ++i) {
          auto [t, p] = pending[i];
          response->topics[t].partitions[p].error_code = sdk::to_wire(result.partitions[i]);
        }
        respond.send(*response);
      });
}

}  // namespace skiff::kernel::server
