// SyncGroup (key 14): the leader hands in the assignment; every member gets its
// own once the assignment is durable.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/sync_group_request.h"
#include "kernel/protocol/generated/sync_group_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {
namespace {

using protocol::SyncGroupResponse;

SyncGroupResponse to_response(groups::SyncResult result) {
  SyncGroupResponse out;
  out.error_code = sdk::to_wire(result.error);
  out.protocol_type = std::move(result.protocol_type);
  out.protocol_name = std::move(result.protocol_name);
  out.assignment = std::move(result.assignment);
  return out;
}

}  // namespace

void handle_sync_group(RequestContext& ctx, protocol::SyncGroupRequest& request,
                       Responder<SyncGroupResponse> respond) {
  // From v5 the client must say which protocol it synchronizes.
  if (respond.version() >= 5 && (!request.protocol_type || !request.protocol_name)) {
    respond.send(to_response(groups::SyncResult{sdk::ErrorCode::kInconsistentGroupProtocol, {}, {}, {}}));
    return;
  }
  if (!authorized(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kGroup, request.group_id)) {
    respond.send(to_response(groups::SyncResult{sdk::ErrorCode::kGroupAuthorizationFailed, {}, {}, {}}));
    return;
  }
  groups::SyncRequest sync;
  sync.member_id = request.member_id;
  sync.group_instance_id = request.group_instance_id;
  sync.generation_id = request.generation_id;
  sync.protocol_type = request.protocol_type;
  sync.protocol_name = request.protocol_name;
  for (auto& a : request.assignments) sync.assignments.emplace_back(a.member_id, std::move(a.assignment));
  ctx.broker.groups.sync_group(request.group_id, std::move(sync),
                               [respond](groups::SyncResult result) mutable {
                                 respond.send(to_response(std::move(result)));
                               });
}

}  // namespace skiff::kernel::server
