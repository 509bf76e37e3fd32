// LeaveGroup (key 13): members leave at once instead of timing out; v3+ removes
// several members (also by group instance id) in one request.
#include "kernel/groups/group_coordinator.h"
#include "kernel/protocol/generated/leave_group_request.h"
#include "kernel/protocol/generated/leave_group_response.h"
#include "kernel/server/authorization.h"
#include "kernel/server/broker_services.h"
#include "kernel/server/handlers/handlers.h"

namespace skiff::kernel::server {

void handle_leave_group(RequestContext& ctx, protocol::LeaveGroupRequest& request,
                        Responder<protocol::LeaveGroupResponse> respond) {
  if (!authorized(ctx, sdk::AclOperation::kRead, sdk::ResourceType::kGroup, request.group_id)) {
    protocol::LeaveGroupResponse response;
    response.error_code = sdk::to_wire(sdk::ErrorCode::kGroupAuthorizationFailed);
    respond.send(response);
    return;
  }
  const bool batched = respond.version() >= 3;
  std::vector<groups::LeavingMember> leaving;
  if (batched) {
    for (auto& m : request.members) {
      leaving.push_back(groups::LeavingMember{m.member_id, m.group_instance_id, m.reason});
    }
  } else {
    leaving.push_back(groups::LeavingMember{request.member_id, std::nullopt, std::nullopt});
  }
  auto result = ctx.broker.groups.leave_group(request.group_id, leaving);

  protocol::LeaveGroupResponse response;
  response.error_code = sdk::to_wire(result.error);
  if (batched) {
    for (size_t i = 0; i < result.members.size(); ++i) {
      protocol::LeaveGroupResponse::MemberResponse m;
      m.member_id = leaving[i].member_id;
      m.group_instance_id = leaving[i].group_instance_id;
      m.error_code = sdk::to_wire(result.members[i]);
      response.members.push_back(std::move(m));
    }
  } else if (result.error == sdk::ErrorCode::kNone && !result.members.empty()) {
    // Before v3 the one member's error is the response's error.
    response.error_code = sdk::to_wire(result.members.front());
  }
  respond.send(response);
}

}  // namespace skiff::kernel::server
